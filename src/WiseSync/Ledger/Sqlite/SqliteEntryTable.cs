using System.Text.Json;
using WiseSync.Ledger.Internal;
using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>entries</c>: what a batch did with each invoice.</summary>
internal sealed class SqliteEntryTable(SqliteDatabase database) : SqliteTable(database), IEntryTable
{
    private const string DeleteEntry = "DELETE FROM entries WHERE batch_id = $b AND psa_invoice_id = $i;";

    public Task SaveEntryAsync(LedgerEntry entry, CancellationToken cancellationToken) =>
        WriteOneAsync(entry, WriteEntryAsync, cancellationToken);

    public Task SaveEntriesAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken) =>
        WriteAllAsync(entries, WriteEntryAsync, cancellationToken);

    public Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(string batchId, CancellationToken cancellationToken) =>
        QueryAsync("""
            SELECT batch_id, psa_invoice_id, number, status, messages, recorded_at, company_name, total, psa_marked,
                accounting_invoice_id, accounting_number, accounting_url, payment, payment_message
            FROM entries WHERE batch_id = $b ORDER BY rowid;
            """, ReadEntry, cancellationToken, ("$b", batchId));

    public async Task<bool> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken) =>
        await ExecuteOnceAsync(DeleteEntry, cancellationToken,
            ("$b", batchId), ("$i", psaInvoiceId)).ConfigureAwait(false) > 0;

    public Task DeleteEntriesAsync(string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken) =>
        WriteAllAsync(psaInvoiceIds, (db, tx, id, ct) => ExecuteAsync(db, tx, DeleteEntry, ct, ("$b", batchId), ("$i", id)), cancellationToken);

    private static LedgerEntry ReadEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<SyncStatus>(r.GetString(3)),
            JsonSerializer.Deserialize(r.GetString(4), LedgerJsonContext.Default.StringArray) ?? [],
            Instant.FromUnixTimeTicks(r.GetInt64(5)))
        {
            CompanyName = NullableString(r, 6),
            Total = ParseDecimal(NullableString(r, 7)),
            PsaMarked = r.GetInt32(8) != 0,
            AccountingInvoiceId = NullableString(r, 9),
            AccountingNumber = NullableString(r, 10),
            AccountingUrl = NullableString(r, 11) is { } url ? new Uri(url) : null,
            Payment = NullableString(r, 12) is { } p ? Enum.Parse<PaymentQueueStatus>(p) : null,
            PaymentMessage = NullableString(r, 13),
        };

    private static Task<int> WriteEntryAsync(SqliteConnection db, SqliteTransaction? tx, LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ExecuteAsync(db, tx, """
            INSERT INTO entries (batch_id, psa_invoice_id, number, status, messages, recorded_at, company_name, total, psa_marked,
                accounting_invoice_id, accounting_number, accounting_url, payment, payment_message)
            VALUES ($b, $i, $n, $s, $m, $r, $cn, $t, $pm, $ai, $an, $au, $p, $pmsg)
            ON CONFLICT (batch_id, psa_invoice_id) DO UPDATE SET number = excluded.number, status = excluded.status,
                messages = excluded.messages, recorded_at = excluded.recorded_at, company_name = excluded.company_name,
                total = excluded.total, psa_marked = excluded.psa_marked, accounting_invoice_id = excluded.accounting_invoice_id,
                accounting_number = excluded.accounting_number, accounting_url = excluded.accounting_url,
                payment = excluded.payment, payment_message = excluded.payment_message;
            """, cancellationToken,
            ("$b", entry.BatchId), ("$i", entry.PsaInvoiceId), ("$n", entry.Number), ("$s", entry.Status.ToString()),
            ("$m", JsonSerializer.Serialize(entry.Messages.ToArray(), LedgerJsonContext.Default.StringArray)),
            ("$r", entry.RecordedAt.ToUnixTimeTicks()), ("$cn", entry.CompanyName), ("$t", FormatDecimal(entry.Total)),
            ("$pm", entry.PsaMarked ? 1 : 0), ("$ai", entry.AccountingInvoiceId), ("$an", entry.AccountingNumber),
            ("$au", entry.AccountingUrl?.ToString()), ("$p", entry.Payment?.ToString()), ("$pmsg", entry.PaymentMessage));
    }
}
