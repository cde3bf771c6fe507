namespace WiseSync;

/// <summary>A batch and its entries.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Entries">One entry per invoice.</param>
public sealed record SyncBatchDetails(LedgerBatch Batch, IReadOnlyList<LedgerEntry> Entries);
