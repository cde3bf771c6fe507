using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>intents</c>: accounting writes announced before the vendor call, until the PSA is marked.</summary>
internal sealed class SqliteIntentTable(SqliteDatabase database) : SqliteTable(database), IIntentTable
{
    private const string DeleteIntent = "DELETE FROM intents WHERE connection = $c AND psa_invoice_id = $i;";

    public Task SaveIntentAsync(SyncIntent intent, CancellationToken cancellationToken) =>
        WriteOneAsync(intent, WriteIntentAsync, cancellationToken);

    public Task SaveIntentsAsync(IReadOnlyList<SyncIntent> intents, CancellationToken cancellationToken) =>
        WriteAllAsync(intents, WriteIntentAsync, cancellationToken);

    public Task<IReadOnlyList<SyncIntent>> GetIntentsAsync(string connection, CancellationToken cancellationToken) =>
        QueryAsync("""
            SELECT connection, psa_invoice_id, batch_id, document_number, kind, idempotency_key, payload_hash, state,
                psa_number, accounting_invoice_id, is_update, updated_at
            FROM intents WHERE connection = $c ORDER BY rowid;
            """, ReadIntent, cancellationToken, ("$c", connection));

    public Task DeleteIntentAsync(string connection, string psaInvoiceId, CancellationToken cancellationToken) =>
        ExecuteOnceAsync(DeleteIntent, cancellationToken, ("$c", connection), ("$i", psaInvoiceId));

    public Task DeleteIntentsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken) =>
        WriteAllAsync(psaInvoiceIds, (db, tx, id, ct) => ExecuteAsync(db, tx, DeleteIntent, ct, ("$c", connection), ("$i", id)), cancellationToken);

    /// <summary>Upserts one intent inside the caller's transaction (the invoice mappings write theirs with it).</summary>
    public static Task<int> WriteIntentAsync(SqliteConnection db, SqliteTransaction? tx, SyncIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return ExecuteAsync(db, tx, """
            INSERT INTO intents (connection, psa_invoice_id, batch_id, document_number, kind, idempotency_key, payload_hash, state,
                psa_number, accounting_invoice_id, is_update, updated_at)
            VALUES ($c, $i, $b, $d, $k, $key, $h, $s, $pn, $ai, $up, $u)
            ON CONFLICT (connection, psa_invoice_id) DO UPDATE SET batch_id = excluded.batch_id, document_number = excluded.document_number,
                kind = excluded.kind, idempotency_key = excluded.idempotency_key, payload_hash = excluded.payload_hash,
                state = excluded.state, psa_number = excluded.psa_number, accounting_invoice_id = excluded.accounting_invoice_id,
                is_update = excluded.is_update, updated_at = excluded.updated_at;
            """, cancellationToken,
            ("$c", intent.Connection), ("$i", intent.PsaInvoiceId), ("$b", intent.BatchId), ("$d", intent.DocumentNumber),
            ("$k", intent.Kind.ToString()), ("$key", intent.IdempotencyKey), ("$h", intent.PayloadHash), ("$s", intent.State.ToString()),
            ("$pn", intent.PsaNumber), ("$ai", intent.AccountingInvoiceId), ("$up", intent.IsUpdate ? 1 : 0),
            ("$u", intent.UpdatedAt.ToUnixTimeTicks()));
    }

    private static SyncIntent ReadIntent(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<DocumentKind>(r.GetString(4)), r.GetString(5),
            r.GetString(6), Enum.Parse<IntentState>(r.GetString(7)), Instant.FromUnixTimeTicks(r.GetInt64(11)))
        {
            PsaNumber = NullableString(r, 8),
            AccountingInvoiceId = NullableString(r, 9),
            IsUpdate = r.GetInt32(10) != 0,
        };
}
