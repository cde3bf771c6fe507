namespace WiseSync.Pipeline.Internal;

/// <summary>One run of a connection while it holds the lease: its batch, its progress, and whether it stopped.</summary>
internal sealed class RunScope(PipelineServices services, string batchId, Instant started, SyncLease lease, IProgress<SyncProgress>? progress)
{
    public PipelineServices Services { get; } = services;

    public string BatchId { get; } = batchId;

    public Instant Started { get; } = started;

    public SyncLease Lease { get; private set; } = lease;

    /// <summary>Set once the run stops starting new work; every invoice not reached yet is finished with it.</summary>
    public RunStop? Stop { get; set; }

    public void Report(int done, int total, string? current) => progress?.Report(new SyncProgress(done, total, current));

    /// <summary>
    /// The run loop every action shares: each chunk in turn (numbered from 1), and the lease renewed after each, so a
    /// long run keeps the connection however many chunks it has.
    /// </summary>
    public async Task ForEachChunkAsync<T>(IEnumerable<T[]> chunks, Func<T[], int, Task> work, CancellationToken cancellationToken)
    {
        var index = 0;
        foreach (var chunk in chunks)
        {
            await work(chunk, ++index).ConfigureAwait(false);
            Lease = await Services.Ledger.RenewLeaseAsync(Lease, Services.LeaseDuration, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the batch with its totals and the stop's reason, if any.</summary>
    public async Task<SyncReport> FinishAsync(SyncAction action, IReadOnlyList<InvoiceSyncResult> results, CancellationToken cancellationToken)
    {
        var finished = Services.Now;
        var report = new SyncReport(BatchId, action, Services.Connection, Started, finished, results) { StoppedReason = Stop?.Reason };
        await Services.Ledger.FinishBatchAsync(BatchId, finished, report.Totals, Stop?.Reason, cancellationToken).ConfigureAwait(false);
        PipelineLog.RunFinished(Services.Logger, BatchId, report.Totals.Success, report.Totals.Warning, report.Totals.Error);
        return report;
    }
}
