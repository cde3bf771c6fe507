using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>failed_psa_writes</c>: PSA writes refused in earlier runs, until they succeed or are orphaned.</summary>
internal sealed class SqliteFailedPsaWriteTable(SqliteDatabase database) : SqliteTable(database), IFailedPsaWriteTable
{
    public Task<IReadOnlyList<FailedPsaWrite>> GetFailedPsaWritesAsync(string connection, CancellationToken cancellationToken) =>
        QueryAsync("""
            SELECT connection, psa_invoice_id, kind, failed_runs, last_error, updated_at, psa_number, accounting_invoice_id, accounting_number, orphaned_at
            FROM failed_psa_writes WHERE connection = $c ORDER BY updated_at, rowid;
            """, ReadFailedPsaWrite, cancellationToken, ("$c", connection));

    public Task SaveFailedPsaWritesAsync(IReadOnlyList<FailedPsaWrite> failures, CancellationToken cancellationToken) =>
        WriteAllAsync(failures, (db, tx, f, ct) => ExecuteAsync(db, tx, """
            INSERT INTO failed_psa_writes (connection, psa_invoice_id, kind, failed_runs, last_error, updated_at, psa_number, accounting_invoice_id, accounting_number, orphaned_at)
            VALUES ($c, $i, $k, $n, $e, $u, $pn, $ai, $an, $o)
            ON CONFLICT (connection, psa_invoice_id, kind) DO UPDATE SET failed_runs = excluded.failed_runs, last_error = excluded.last_error,
                updated_at = excluded.updated_at, psa_number = excluded.psa_number, accounting_invoice_id = excluded.accounting_invoice_id,
                accounting_number = excluded.accounting_number, orphaned_at = excluded.orphaned_at;
            """, ct,
            ("$c", f.Connection), ("$i", f.PsaInvoiceId), ("$k", f.Kind.ToString()), ("$n", f.FailedRuns), ("$e", f.LastError),
            ("$u", f.UpdatedAt.ToUnixTimeTicks()), ("$pn", f.PsaNumber), ("$ai", f.AccountingInvoiceId), ("$an", f.AccountingNumber),
            ("$o", f.OrphanedAt?.ToUnixTimeTicks())), cancellationToken);

    public Task DeleteFailedPsaWritesAsync(string connection, PsaWriteKind kind, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken) =>
        WriteAllAsync(psaInvoiceIds, (db, tx, id, ct) => ExecuteAsync(db, tx, "DELETE FROM failed_psa_writes WHERE connection = $c AND psa_invoice_id = $i AND kind = $k;", ct,
            ("$c", connection), ("$i", id), ("$k", kind.ToString())), cancellationToken);

    private static FailedPsaWrite ReadFailedPsaWrite(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Enum.Parse<PsaWriteKind>(r.GetString(2)), r.GetInt32(3), r.GetString(4), Instant.FromUnixTimeTicks(r.GetInt64(5)))
        {
            PsaNumber = NullableString(r, 6),
            AccountingInvoiceId = NullableString(r, 7),
            AccountingNumber = NullableString(r, 8),
            OrphanedAt = NullableInstant(r, 9),
        };
}
