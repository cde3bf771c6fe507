namespace WiseSync.Pipeline.Internal;

/// <summary>The frame of every run that writes: new batch id → the connection's lease → the batch row → the work → lease released.</summary>
internal static class LeasedRun
{
    /// <summary>Runs <paramref name="work"/> holding the lease, in a new batch of <paramref name="action"/> (no batch row when null).</summary>
    /// <exception cref="SyncAlreadyRunningException">Another run of this connection holds the lease.</exception>
    public static async Task<T> RunAsync<T>(
        PipelineServices services, SyncAction? action, IProgress<SyncProgress>? progress, Func<RunScope, Task<T>> work, CancellationToken cancellationToken)
    {
        var started = services.Now;
        var batchId = NewBatchId(started);
        var lease = await services.Ledger.AcquireLeaseAsync(services.Connection, LeaseHolder.ForThisProcess(), services.LeaseDuration, cancellationToken).ConfigureAwait(false);
        var scope = new RunScope(services, batchId, started, lease, progress);
        try
        {
            if (action is { } batchAction)
            {
                await services.Ledger.CreateBatchAsync(new LedgerBatch(batchId, services.Connection, batchAction, started), cancellationToken).ConfigureAwait(false);
            }

            return await work(scope).ConfigureAwait(false);
        }
        finally
        {
            // Released even when the run was cancelled: a lease left behind would block the next run until it expires.
            await services.Ledger.ReleaseLeaseAsync(scope.Lease, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static string NewBatchId(Instant startedAt) => Guid.CreateVersion7(startedAt.ToDateTimeOffset()).ToString("N");
}
