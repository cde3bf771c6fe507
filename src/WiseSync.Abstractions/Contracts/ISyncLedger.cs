using NodaTime;

namespace WiseSync;

/// <summary>
/// The durable record of WiseSync: batches and their entries, the PSA→accounting invoice and company mappings,
/// in-flight intents for crash recovery, per-connection leases, watermarks and shortened document numbers.
/// </summary>
public interface ISyncLedger
{
    /// <summary>Takes the lease of a connection, or throws <see cref="SyncAlreadyRunningException"/> when another holder has an unexpired one.</summary>
    Task<SyncLease> AcquireLeaseAsync(string connection, string holder, Duration duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease this holder owns; throws <see cref="SyncAlreadyRunningException"/> when it was lost.</summary>
    Task<SyncLease> RenewLeaseAsync(SyncLease lease, Duration duration, CancellationToken cancellationToken = default);

    /// <summary>Releases a lease this holder owns (no-op when it was lost).</summary>
    Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default);

    /// <summary>Records a new batch.</summary>
    Task CreateBatchAsync(LedgerBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Records that a batch finished.</summary>
    Task FinishBatchAsync(string batchId, Instant finishedAt, SyncTotals totals, string? stoppedReason, CancellationToken cancellationToken = default);

    /// <summary>One batch, or null.</summary>
    Task<LedgerBatch?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>The batches of a connection, newest first.</summary>
    Task<IReadOnlyList<LedgerBatch>> GetBatchesAsync(string connection, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes a batch and its entries; mappings stay.</summary>
    Task DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the deletion of a batch began (<see cref="LedgerBatch.DeletingAt"/>), before any PSA mark is cleared, so an
    /// interrupted deletion is visible and a repeat finishes it. A ledger that cannot store it throws <see cref="NotSupportedException"/>.
    /// </summary>
    Task MarkBatchDeletingAsync(string batchId, Instant deletingAt, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot record a batch deletion in progress; implement {nameof(MarkBatchDeletingAsync)} to delete batches.");

    /// <summary>
    /// Of the given PSA invoices, those whose synced mark a batch of the connection that started after <paramref name="batchId"/>
    /// wrote (a later post or mark-only entry with the mark), keyed by PSA invoice id, with that later batch's id.
    /// The default reads the connection's batches and their entries; a ledger that can should answer with one query.
    /// </summary>
    async Task<IReadOnlyDictionary<string, string>> GetLaterMarksAsync(string connection, string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceIds);
        var wanted = psaInvoiceIds.ToHashSet(StringComparer.Ordinal);
        var later = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in await GetBatchesAsync(connection, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            // Newest first: everything before the batch itself started after it.
            if (batch.Id == batchId)
            {
                break;
            }

            if (batch.Action == SyncAction.UpdatePaidDates)
            {
                continue;
            }

            foreach (var entry in await GetEntriesAsync(batch.Id, cancellationToken).ConfigureAwait(false))
            {
                if (entry.PsaMarked && wanted.Contains(entry.PsaInvoiceId))
                {
                    later.TryAdd(entry.PsaInvoiceId, batch.Id);
                }
            }
        }

        return later;
    }

    /// <summary>Writes (or replaces) the entry of one invoice in one batch.</summary>
    Task SaveEntryAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes (or replaces) several entries, in order. A ledger that can should store them in one transaction;
    /// the default saves them one by one with <see cref="SaveEntryAsync"/>.
    /// </summary>
    async Task SaveEntriesAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            await SaveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The entries of a batch in the order they were first written.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>Deletes one entry; mappings stay. Returns false when there was none.</summary>
    Task<bool> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes several entries of one batch; mappings stay. A ledger that can should remove them in one transaction;
    /// the default removes them one by one with <see cref="DeleteEntryAsync"/>.
    /// </summary>
    async Task DeleteEntriesAsync(string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceIds);
        foreach (var psaInvoiceId in psaInvoiceIds)
        {
            await DeleteEntryAsync(batchId, psaInvoiceId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The invoice mappings of the given PSA invoices that exist, keyed by PSA invoice id.</summary>
    Task<IReadOnlyDictionary<string, InvoiceMapping>> GetInvoiceMappingsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default);

    /// <summary>Writes (or replaces) an invoice mapping.</summary>
    Task SaveInvoiceMappingAsync(InvoiceMapping mapping, CancellationToken cancellationToken = default);

    /// <summary>Mapped invoices without a paid date that a live (not deleted) post entry still covers.</summary>
    Task<IReadOnlyList<InvoiceMapping>> GetUnpaidInvoiceMappingsAsync(string connection, CancellationToken cancellationToken = default);

    /// <summary>The customer mappings of the given PSA companies that exist, keyed by PSA company id.</summary>
    Task<IReadOnlyDictionary<string, CustomerMapping>> GetCustomerMappingsAsync(string connection, IReadOnlyCollection<string> psaCompanyIds, CancellationToken cancellationToken = default);

    /// <summary>Writes (or replaces) a customer mapping.</summary>
    Task SaveCustomerMappingAsync(CustomerMapping mapping, CancellationToken cancellationToken = default);

    /// <summary>Removes a customer mapping. Returns false when there was none.</summary>
    Task<bool> DeleteCustomerMappingAsync(string connection, string psaCompanyId, CancellationToken cancellationToken = default);

    /// <summary>Writes (or replaces) the intent of one invoice.</summary>
    Task SaveIntentAsync(SyncIntent intent, CancellationToken cancellationToken = default);

    /// <summary>The intents a connection still has open.</summary>
    Task<IReadOnlyList<SyncIntent>> GetIntentsAsync(string connection, CancellationToken cancellationToken = default);

    /// <summary>Removes the intent of one invoice once its work is complete or abandoned.</summary>
    Task DeleteIntentAsync(string connection, string psaInvoiceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes (or replaces) the intents of several invoices, in order. A ledger that can should store them in one transaction;
    /// the default saves them one by one with <see cref="SaveIntentAsync"/>.
    /// </summary>
    async Task SaveIntentsAsync(IReadOnlyList<SyncIntent> intents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intents);
        foreach (var intent in intents)
        {
            await SaveIntentAsync(intent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes the intents of several invoices of a connection. A ledger that can should remove them in one transaction;
    /// the default removes them one by one with <see cref="DeleteIntentAsync"/>.
    /// </summary>
    async Task DeleteIntentsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceIds);
        foreach (var psaInvoiceId in psaInvoiceIds)
        {
            await DeleteIntentAsync(connection, psaInvoiceId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records that accounting writes landed: each mapping of <paramref name="mappings"/> and then the intent at the same index of
    /// <paramref name="writtenIntents"/> (normally in state <see cref="IntentState.Written"/>). A ledger that can should store them
    /// in one transaction; the default saves each pair in order with <see cref="SaveInvoiceMappingAsync"/> and <see cref="SaveIntentAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    async Task SaveWrittenAsync(IReadOnlyList<InvoiceMapping> mappings, IReadOnlyList<SyncIntent> writtenIntents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(writtenIntents);
        if (mappings.Count != writtenIntents.Count)
        {
            throw new ArgumentException($"{mappings.Count} mappings but {writtenIntents.Count} written intents; each mapping needs its intent.", nameof(writtenIntents));
        }

        for (var i = 0; i < mappings.Count; i++)
        {
            await SaveInvoiceMappingAsync(mappings[i], cancellationToken).ConfigureAwait(false);
            await SaveIntentAsync(writtenIntents[i], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The PSA writes (synced marks, paid dates) the PSA refused for an invoice in earlier runs, orphans included. The default
    /// stores none, so such writes are retried every run and never reported as orphans; a ledger that can should store them.
    /// </summary>
    Task<IReadOnlyList<FailedPsaWrite>> GetFailedPsaWritesAsync(string connection, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FailedPsaWrite>>([]);

    /// <summary>Writes (or replaces) failed PSA writes, keyed by connection, PSA invoice id and kind. The default stores nothing.</summary>
    Task SaveFailedPsaWritesAsync(IReadOnlyList<FailedPsaWrite> failures, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Forgets the failed PSA writes of the given kind and invoices (the write succeeded, or a person dismissed the orphan). The default does nothing.</summary>
    Task DeleteFailedPsaWritesAsync(string connection, PsaWriteKind kind, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>A stored watermark, or null.</summary>
    Task<string?> GetWatermarkAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a watermark.</summary>
    Task SetWatermarkAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>The shortened number of a PSA document number, or null.</summary>
    Task<DocumentNumberMapping?> GetDocumentNumberAsync(string connection, string originalNumber, CancellationToken cancellationToken = default);

    /// <summary>Stores a shortened number unless another original already owns it; returns the mapping that is stored for <paramref name="mapping"/>'s short number.</summary>
    Task<DocumentNumberMapping> TrySaveDocumentNumberAsync(DocumentNumberMapping mapping, CancellationToken cancellationToken = default);
}
