namespace WiseSync.Ledger.Tables;

/// <summary>What each batch did with each invoice. Engine-neutral: each storage engine implements it in its own folder (<c>Ledger/Sqlite</c>, …).</summary>
internal interface IEntryTable
{
    Task SaveEntryAsync(LedgerEntry entry, CancellationToken cancellationToken);

    Task SaveEntriesAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(string batchId, CancellationToken cancellationToken);

    Task<bool> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken);

    Task DeleteEntriesAsync(string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken);
}
