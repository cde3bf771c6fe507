namespace WiseSync.Ledger.Tables;

/// <summary>Accounting writes announced before the vendor call. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface IIntentTable
{
    Task SaveIntentAsync(SyncIntent intent, CancellationToken cancellationToken);

    Task SaveIntentsAsync(IReadOnlyList<SyncIntent> intents, CancellationToken cancellationToken);

    Task<IReadOnlyList<SyncIntent>> GetIntentsAsync(string connection, CancellationToken cancellationToken);

    Task DeleteIntentAsync(string connection, string psaInvoiceId, CancellationToken cancellationToken);

    Task DeleteIntentsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken);
}
