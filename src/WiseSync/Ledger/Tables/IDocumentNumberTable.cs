namespace WiseSync.Ledger.Tables;

/// <summary>Short numbers given to PSA numbers too long for the accounting system. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface IDocumentNumberTable
{
    Task<DocumentNumberMapping?> GetDocumentNumberAsync(string connection, string originalNumber, CancellationToken cancellationToken);

    Task<DocumentNumberMapping> TrySaveDocumentNumberAsync(DocumentNumberMapping mapping, CancellationToken cancellationToken);
}
