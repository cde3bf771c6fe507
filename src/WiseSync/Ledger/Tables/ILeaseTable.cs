namespace WiseSync.Ledger.Tables;

/// <summary>Who holds a connection's sync lease; also the ledger's writability probe. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface ILeaseTable
{
    Task<SyncLease> AcquireLeaseAsync(string connection, string holder, Duration duration, CancellationToken cancellationToken);

    Task<SyncLease> RenewLeaseAsync(SyncLease lease, Duration duration, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken);

    /// <summary>Opens the store and takes and gives back its write lock without changing anything.</summary>
    Task CheckWritableAsync(CancellationToken cancellationToken);
}
