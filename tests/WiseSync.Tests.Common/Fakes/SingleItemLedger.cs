using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>
/// A third-party style ledger: it implements only the single-item members of <see cref="ISyncLedger"/> (forwarding to
/// <paramref name="inner"/>) and keeps the interface's default batch members. It logs every single-item write it gets.
/// </summary>
public sealed class SingleItemLedger(ISyncLedger inner) : ISyncLedger
{
    /// <summary>The single-item writes in the order they arrived, e.g. "intent:1:Pending", "mapping:1", "entry:1", "delete-intent:1".</summary>
    public List<string> Writes { get; } = [];

    public Task<SyncLease> AcquireLeaseAsync(string connection, string holder, Duration duration, CancellationToken cancellationToken = default) =>
        inner.AcquireLeaseAsync(connection, holder, duration, cancellationToken);

    public Task<SyncLease> RenewLeaseAsync(SyncLease lease, Duration duration, CancellationToken cancellationToken = default) =>
        inner.RenewLeaseAsync(lease, duration, cancellationToken);

    public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default) => inner.ReleaseLeaseAsync(lease, cancellationToken);

    public Task CreateBatchAsync(LedgerBatch batch, CancellationToken cancellationToken = default) => inner.CreateBatchAsync(batch, cancellationToken);

    public Task FinishBatchAsync(string batchId, Instant finishedAt, SyncTotals totals, string? stoppedReason, CancellationToken cancellationToken = default) =>
        inner.FinishBatchAsync(batchId, finishedAt, totals, stoppedReason, cancellationToken);

    public Task<LedgerBatch?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default) => inner.GetBatchAsync(batchId, cancellationToken);

    public Task<IReadOnlyList<LedgerBatch>> GetBatchesAsync(string connection, int limit, CancellationToken cancellationToken = default) =>
        inner.GetBatchesAsync(connection, limit, cancellationToken);

    public Task DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default) => inner.DeleteBatchAsync(batchId, cancellationToken);

    public Task SaveEntryAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        Writes.Add($"entry:{entry.PsaInvoiceId}");
        return inner.SaveEntryAsync(entry, cancellationToken);
    }

    public Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(string batchId, CancellationToken cancellationToken = default) => inner.GetEntriesAsync(batchId, cancellationToken);

    public Task<bool> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken = default) =>
        inner.DeleteEntryAsync(batchId, psaInvoiceId, cancellationToken);

    public Task<IReadOnlyDictionary<string, InvoiceMapping>> GetInvoiceMappingsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        inner.GetInvoiceMappingsAsync(connection, psaInvoiceIds, cancellationToken);

    public Task SaveInvoiceMappingAsync(InvoiceMapping mapping, CancellationToken cancellationToken = default)
    {
        Writes.Add($"mapping:{mapping.PsaInvoiceId}");
        return inner.SaveInvoiceMappingAsync(mapping, cancellationToken);
    }

    public Task<IReadOnlyList<InvoiceMapping>> GetUnpaidInvoiceMappingsAsync(string connection, CancellationToken cancellationToken = default) =>
        inner.GetUnpaidInvoiceMappingsAsync(connection, cancellationToken);

    public Task<IReadOnlyDictionary<string, CustomerMapping>> GetCustomerMappingsAsync(string connection, IReadOnlyCollection<string> psaCompanyIds, CancellationToken cancellationToken = default) =>
        inner.GetCustomerMappingsAsync(connection, psaCompanyIds, cancellationToken);

    public Task SaveCustomerMappingAsync(CustomerMapping mapping, CancellationToken cancellationToken = default) => inner.SaveCustomerMappingAsync(mapping, cancellationToken);

    public Task<bool> DeleteCustomerMappingAsync(string connection, string psaCompanyId, CancellationToken cancellationToken = default) =>
        inner.DeleteCustomerMappingAsync(connection, psaCompanyId, cancellationToken);

    public Task SaveIntentAsync(SyncIntent intent, CancellationToken cancellationToken = default)
    {
        Writes.Add($"intent:{intent.PsaInvoiceId}:{intent.State}");
        return inner.SaveIntentAsync(intent, cancellationToken);
    }

    public Task<IReadOnlyList<SyncIntent>> GetIntentsAsync(string connection, CancellationToken cancellationToken = default) => inner.GetIntentsAsync(connection, cancellationToken);

    public Task DeleteIntentAsync(string connection, string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        Writes.Add($"delete-intent:{psaInvoiceId}");
        return inner.DeleteIntentAsync(connection, psaInvoiceId, cancellationToken);
    }

    public Task<string?> GetWatermarkAsync(string key, CancellationToken cancellationToken = default) => inner.GetWatermarkAsync(key, cancellationToken);

    public Task SetWatermarkAsync(string key, string value, CancellationToken cancellationToken = default) => inner.SetWatermarkAsync(key, value, cancellationToken);

    public Task<DocumentNumberMapping?> GetDocumentNumberAsync(string connection, string originalNumber, CancellationToken cancellationToken = default) =>
        inner.GetDocumentNumberAsync(connection, originalNumber, cancellationToken);

    public Task<DocumentNumberMapping> TrySaveDocumentNumberAsync(DocumentNumberMapping mapping, CancellationToken cancellationToken = default) =>
        inner.TrySaveDocumentNumberAsync(mapping, cancellationToken);
}
