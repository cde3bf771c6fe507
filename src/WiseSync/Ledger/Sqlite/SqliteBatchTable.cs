using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>batches</c> (one row per run) and the batch-wide questions asked of its <c>entries</c>.</summary>
internal sealed class SqliteBatchTable(SqliteDatabase database) : SqliteTable(database), IBatchTable
{
    private const string BatchSelect = "SELECT id, connection, action, started_at, finished_at, invoices, success, warning, error, stopped_reason, deleting_at FROM batches";

    public Task CreateBatchAsync(LedgerBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ExecuteOnceAsync("""
            INSERT INTO batches (id, connection, action, started_at, finished_at, invoices, success, warning, error, stopped_reason)
            VALUES ($id, $c, $a, $s, $f, $n, $ok, $w, $e, $r);
            """, cancellationToken,
            ("$id", batch.Id), ("$c", batch.Connection), ("$a", batch.Action.ToString()), ("$s", batch.StartedAt.ToUnixTimeTicks()),
            ("$f", batch.FinishedAt?.ToUnixTimeTicks()), ("$n", batch.Totals.Invoices), ("$ok", batch.Totals.Success),
            ("$w", batch.Totals.Warning), ("$e", batch.Totals.Error), ("$r", batch.StoppedReason));
    }

    public Task FinishBatchAsync(string batchId, Instant finishedAt, SyncTotals totals, string? stoppedReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return ExecuteOnceAsync("""
            UPDATE batches SET finished_at = $f, invoices = $n, success = $ok, warning = $w, error = $e, stopped_reason = $r WHERE id = $id;
            """, cancellationToken,
            ("$id", batchId), ("$f", finishedAt.ToUnixTimeTicks()), ("$n", totals.Invoices), ("$ok", totals.Success),
            ("$w", totals.Warning), ("$e", totals.Error), ("$r", stoppedReason));
    }

    public async Task<LedgerBatch?> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        var batches = await QueryAsync(BatchSelect + " WHERE id = $id;", ReadBatch, cancellationToken, ("$id", batchId)).ConfigureAwait(false);
        return batches.Count == 0 ? null : batches[0];
    }

    public Task<IReadOnlyList<LedgerBatch>> GetBatchesAsync(string connection, int limit, CancellationToken cancellationToken) =>
        QueryAsync(BatchSelect + " WHERE connection = $c ORDER BY started_at DESC, rowid DESC LIMIT $l;", ReadBatch, cancellationToken,
            ("$c", connection), ("$l", Math.Max(0, limit)));

    public async Task DeleteBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, tx, "DELETE FROM entries WHERE batch_id = $id;", cancellationToken, ("$id", batchId)).ConfigureAwait(false);
        await ExecuteAsync(db, tx, "DELETE FROM batches WHERE id = $id;", cancellationToken, ("$id", batchId)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The first stamp stays: a repeat finishes the deletion that began then.
    public Task MarkBatchDeletingAsync(string batchId, Instant deletingAt, CancellationToken cancellationToken) =>
        ExecuteOnceAsync("UPDATE batches SET deleting_at = COALESCE(deleting_at, $d) WHERE id = $id;", cancellationToken,
            ("$id", batchId), ("$d", deletingAt.ToUnixTimeTicks()));

    public async Task<IReadOnlyDictionary<string, string>> GetLaterMarksAsync(string connection, string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceIds);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);

        // "Later" is the batches' own order (start time, then insertion): the order history shows.
        await QueryByKeysAsync(psaInvoiceIds, list => $"""
            SELECT e.psa_invoice_id, b.id FROM entries e
            JOIN batches b ON b.id = e.batch_id
            JOIN batches self ON self.id = $b
            WHERE b.connection = $c AND b.action IN ('PostToAccounting', 'MarkSyncedOnly') AND e.psa_marked = 1
                AND (b.started_at > self.started_at OR (b.started_at = self.started_at AND b.rowid > self.rowid))
                AND e.psa_invoice_id IN ({list})
            ORDER BY b.started_at DESC, b.rowid DESC;
            """, r => (Invoice: r.GetString(0), Batch: r.GetString(1)), row => result.TryAdd(row.Invoice, row.Batch), cancellationToken,
            ("$c", connection), ("$b", batchId)).ConfigureAwait(false);
        return result;
    }

    private static LedgerBatch ReadBatch(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Enum.Parse<SyncAction>(r.GetString(2)), Instant.FromUnixTimeTicks(r.GetInt64(3)))
        {
            FinishedAt = NullableInstant(r, 4),
            Totals = new SyncTotals(r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)),
            StoppedReason = NullableString(r, 9),
            DeletingAt = NullableInstant(r, 10),
        };
}
