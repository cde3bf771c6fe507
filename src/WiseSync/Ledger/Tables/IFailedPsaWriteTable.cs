namespace WiseSync.Ledger.Tables;

/// <summary>PSA writes refused in earlier runs. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface IFailedPsaWriteTable
{
    Task<IReadOnlyList<FailedPsaWrite>> GetFailedPsaWritesAsync(string connection, CancellationToken cancellationToken);

    Task SaveFailedPsaWritesAsync(IReadOnlyList<FailedPsaWrite> failures, CancellationToken cancellationToken);

    Task DeleteFailedPsaWritesAsync(string connection, PsaWriteKind kind, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken);
}
