namespace WiseSync;

public sealed partial class SyncPipeline
{
    /// <summary>
    /// The connection's orphans: invoices in accounting whose PSA write (synced mark, paid date) the PSA refused in
    /// <see cref="WiseSyncOptions.OrphanAfterFailedRuns"/> runs. They are no longer retried; a person resolves each by hand
    /// and then dismisses it with <see cref="DismissOrphanAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<FailedPsaWrite>> GetOrphansAsync(CancellationToken cancellationToken = default) =>
        (await _ledger.GetFailedPsaWritesAsync(Connection, cancellationToken).ConfigureAwait(false)).Where(f => f.IsOrphan).ToList();

    /// <summary>
    /// Forgets the orphans of one PSA invoice once a person has resolved them: the next run treats the invoice like any other
    /// (a post updates the mapped accounting invoice and writes the mark, if the PSA still lists it). False when it had none.
    /// </summary>
    /// <exception cref="SyncAlreadyRunningException">A run of this connection holds the lease.</exception>
    public async Task<bool> DismissOrphanAsync(string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(psaInvoiceId);
        var lease = await AcquireLeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var orphans = (await GetOrphansAsync(cancellationToken).ConfigureAwait(false)).Where(o => o.PsaInvoiceId == psaInvoiceId).ToList();
            foreach (var orphan in orphans)
            {
                await _ledger.DeleteFailedPsaWritesAsync(Connection, orphan.Kind, [psaInvoiceId], cancellationToken).ConfigureAwait(false);
            }

            return orphans.Count > 0;
        }
        finally
        {
            await ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
    }
}
