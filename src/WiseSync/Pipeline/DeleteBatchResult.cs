namespace WiseSync;

/// <summary>The outcome of deleting a batch or one entry.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="BatchDeleted">True when the whole batch is gone from the ledger.</param>
/// <param name="Invoices">One result per entry: success when the PSA mark was cleared and the entry removed.</param>
public sealed record DeleteBatchResult(string BatchId, bool BatchDeleted, IReadOnlyList<InvoiceSyncResult> Invoices);
