using NodaTime.Text;
using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>invoice_mappings</c>: which accounting document each PSA invoice became.</summary>
internal sealed class SqliteInvoiceMappingTable(SqliteDatabase database) : SqliteTable(database), IInvoiceMappingTable
{
    private const string InvoiceMappingSelect = """
        SELECT connection, psa_invoice_id, psa_number, accounting_invoice_id, accounting_number, kind, customer_id, total, paid_date, updated_at
        FROM invoice_mappings
        """;

    public async Task<IReadOnlyDictionary<string, InvoiceMapping>> GetInvoiceMappingsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, InvoiceMapping>(StringComparer.Ordinal);
        await QueryByKeysAsync(psaInvoiceIds, list => InvoiceMappingSelect + $" WHERE connection = $c AND psa_invoice_id IN ({list});", ReadInvoiceMapping,
            row => result[row.PsaInvoiceId] = row, cancellationToken, ("$c", connection)).ConfigureAwait(false);
        return result;
    }

    public Task SaveInvoiceMappingAsync(InvoiceMapping mapping, CancellationToken cancellationToken) =>
        WriteOneAsync(mapping, WriteInvoiceMappingAsync, cancellationToken);

    /// <summary>Each mapping with its written intent, all in one transaction.</summary>
    public Task SaveWrittenAsync(IReadOnlyList<InvoiceMapping> mappings, IReadOnlyList<SyncIntent> writtenIntents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(writtenIntents);
        if (mappings.Count != writtenIntents.Count)
        {
            throw new ArgumentException($"{mappings.Count} mappings but {writtenIntents.Count} written intents; each mapping needs its intent.", nameof(writtenIntents));
        }

        return WriteAllAsync(mappings.Zip(writtenIntents).ToList(), async (db, tx, pair, ct) =>
        {
            await WriteInvoiceMappingAsync(db, tx, pair.First, ct).ConfigureAwait(false);
            await SqliteIntentTable.WriteIntentAsync(db, tx, pair.Second, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<InvoiceMapping>> GetUnpaidInvoiceMappingsAsync(string connection, CancellationToken cancellationToken) =>
        QueryAsync(InvoiceMappingSelect + """
             m WHERE m.connection = $c AND m.paid_date IS NULL AND EXISTS (
                SELECT 1 FROM entries e JOIN batches b ON b.id = e.batch_id
                WHERE b.connection = m.connection AND b.action = 'PostToAccounting' AND e.psa_invoice_id = m.psa_invoice_id
                    AND e.psa_marked = 1 AND e.accounting_invoice_id IS NOT NULL)
            ORDER BY m.psa_invoice_id;
            """, ReadInvoiceMapping, cancellationToken, ("$c", connection));

    private static InvoiceMapping ReadInvoiceMapping(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Enum.Parse<DocumentKind>(r.GetString(5)),
            Instant.FromUnixTimeTicks(r.GetInt64(9)))
        {
            AccountingCustomerId = NullableString(r, 6),
            Total = ParseDecimal(NullableString(r, 7)),
            PaidDate = NullableString(r, 8) is { } d ? LocalDatePattern.Iso.Parse(d).Value : null,
        };

    private static Task<int> WriteInvoiceMappingAsync(SqliteConnection db, SqliteTransaction? tx, InvoiceMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return ExecuteAsync(db, tx, """
            INSERT INTO invoice_mappings (connection, psa_invoice_id, psa_number, accounting_invoice_id, accounting_number, kind, customer_id, total, paid_date, updated_at)
            VALUES ($c, $i, $pn, $ai, $an, $k, $cu, $t, $pd, $u)
            ON CONFLICT (connection, psa_invoice_id) DO UPDATE SET psa_number = excluded.psa_number,
                accounting_invoice_id = excluded.accounting_invoice_id, accounting_number = excluded.accounting_number,
                kind = excluded.kind, customer_id = excluded.customer_id, total = excluded.total,
                paid_date = excluded.paid_date, updated_at = excluded.updated_at;
            """, cancellationToken,
            ("$c", mapping.Connection), ("$i", mapping.PsaInvoiceId), ("$pn", mapping.PsaNumber), ("$ai", mapping.AccountingInvoiceId),
            ("$an", mapping.AccountingNumber), ("$k", mapping.Kind.ToString()), ("$cu", mapping.AccountingCustomerId),
            ("$t", FormatDecimal(mapping.Total)), ("$pd", FormatDate(mapping.PaidDate)), ("$u", mapping.UpdatedAt.ToUnixTimeTicks()));
    }
}
