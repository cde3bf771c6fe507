namespace WiseSync.Ledger.Tables;

/// <summary>Runs (batches) and the batch-wide questions asked of their entries. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface IBatchTable
{
    Task CreateBatchAsync(LedgerBatch batch, CancellationToken cancellationToken);

    Task FinishBatchAsync(string batchId, Instant finishedAt, SyncTotals totals, string? stoppedReason, CancellationToken cancellationToken);

    Task<LedgerBatch?> GetBatchAsync(string batchId, CancellationToken cancellationToken);

    Task<IReadOnlyList<LedgerBatch>> GetBatchesAsync(string connection, int limit, CancellationToken cancellationToken);

    Task DeleteBatchAsync(string batchId, CancellationToken cancellationToken);

    Task MarkBatchDeletingAsync(string batchId, Instant deletingAt, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> GetLaterMarksAsync(string connection, string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken);
}
