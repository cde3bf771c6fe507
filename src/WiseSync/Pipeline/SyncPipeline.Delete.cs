using WiseSync.Pipeline.Internal;

namespace WiseSync;

public sealed partial class SyncPipeline
{
    /// <summary>
    /// Deletes a batch: clears the PSA synced marks it still owns, cancels their scheduled payments and removes the entries, but
    /// keeps the PSA→accounting invoice and customer mappings, so the next post updates the same accounting invoices.
    /// The batch is stamped "deleting" first and its entries go chunk by chunk as their marks are cleared, so an interrupted
    /// deletion shows in the history and a repeat finishes it. A mark that a later batch wrote (the invoice was posted or
    /// marked again since) belongs to that batch and is kept. Entries whose mark could not be cleared stay (and so does the batch).
    /// </summary>
    public Task<DeleteBatchResult> DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default) =>
        DeleteEntriesAsync(batchId, null, cancellationToken);

    /// <summary>Deletes one invoice's entry of a batch, as <see cref="DeleteBatchAsync"/> does for all of them.</summary>
    public Task<DeleteBatchResult> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(psaInvoiceId);
        return DeleteEntriesAsync(batchId, psaInvoiceId, cancellationToken);
    }

    private async Task<DeleteBatchResult> DeleteEntriesAsync(string batchId, string? onlyInvoiceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        var batch = await _ledger.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null || batch.Connection != Connection)
        {
            throw new WiseSyncException($"Batch '{batchId}' is not in the ledger of connection '{Connection}'.");
        }

        var lease = await AcquireLeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = (await _ledger.GetEntriesAsync(batchId, cancellationToken).ConfigureAwait(false))
                .Where(e => onlyInvoiceId is null || e.PsaInvoiceId == onlyInvoiceId)
                .ToList();
            if (onlyInvoiceId is not null && entries.Count == 0)
            {
                throw new WiseSyncException($"Batch '{batchId}' has no entry for invoice '{onlyInvoiceId}'.");
            }

            if (onlyInvoiceId is null)
            {
                // Durable before any PSA call: a deletion cut short shows as "deleting", and a repeat finishes it.
                await _ledger.MarkBatchDeletingAsync(batchId, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            }

            // A payment batch recorded paid dates; deleting it removes the ledger record only.
            var clearsMarks = batch.Action != SyncAction.UpdatePaidDates;
            var keptBy = clearsMarks ? await MarksOwnedElsewhereAsync(batchId, entries, cancellationToken).ConfigureAwait(false) : [];
            var outcomes = new List<InvoiceSyncResult>();
            var failed = 0;
            foreach (var chunk in entries.Chunk(Sizes.PsaWrite))
            {
                var toClear = clearsMarks ? chunk.Where(e => e.PsaMarked && !keptBy.ContainsKey(e.PsaInvoiceId)).Select(e => e.PsaInvoiceId).ToList() : [];
                var errors = await ClearMarksAsync(toClear, cancellationToken).ConfigureAwait(false);
                var removed = new List<string>();
                foreach (var entry in chunk)
                {
                    if (errors.TryGetValue(entry.PsaInvoiceId, out var error))
                    {
                        failed++;
                        outcomes.Add(new InvoiceSyncResult(entry.PsaInvoiceId, entry.Number, SyncStatus.Error, [error]) { AccountingInvoiceId = entry.AccountingInvoiceId });
                        continue;
                    }

                    var messages = new List<string>();
                    if (keptBy.TryGetValue(entry.PsaInvoiceId, out var owner))
                    {
                        messages.Add($"Entry removed; the synced mark stays: {owner}.");
                    }
                    else
                    {
                        messages.Add(entry.PsaMarked && clearsMarks ? "Synced mark cleared; entry removed." : "Entry removed.");
                        if (_scheduler is not null && batch.Action == SyncAction.PostToAccounting && entry.PsaMarked)
                        {
                            try
                            {
                                await _scheduler.CancelAsync(entry.PsaInvoiceId, cancellationToken).ConfigureAwait(false);
                            }
                            catch (Exception ex) when (IsFailure(ex, cancellationToken))
                            {
                                messages.Add($"The scheduled payment was not cancelled ({ex.Message}).");
                            }
                        }
                    }

                    removed.Add(entry.PsaInvoiceId);
                    outcomes.Add(new InvoiceSyncResult(entry.PsaInvoiceId, entry.Number, messages.Count == 1 && owner is null ? SyncStatus.Success : SyncStatus.Warning, messages)
                    {
                        AccountingInvoiceId = entry.AccountingInvoiceId,
                        AccountingNumber = entry.AccountingNumber,
                    });
                }

                // The chunk's entries go once their marks are cleared: a deletion cut short resumes after them.
                await _ledger.DeleteEntriesAsync(batchId, removed, cancellationToken).ConfigureAwait(false);
                lease = await _ledger.RenewLeaseAsync(lease, LeaseDuration, cancellationToken).ConfigureAwait(false);
            }

            var batchDeleted = false;
            if (onlyInvoiceId is null && failed == 0)
            {
                await _ledger.DeleteBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
                batchDeleted = true;
            }

            return new DeleteBatchResult(batchId, batchDeleted, outcomes);
        }
        finally
        {
            await ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The marked entries whose mark this batch no longer owns, with why: a later batch of the connection marked the invoice
    /// (posted or marked again since), or another run's write of it is in flight (its entry is not recorded yet).
    /// </summary>
    private async Task<Dictionary<string, string>> MarksOwnedElsewhereAsync(string batchId, List<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var marked = entries.Where(e => e.PsaMarked).Select(e => e.PsaInvoiceId).ToList();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        if (marked.Count == 0)
        {
            return owners;
        }

        foreach (var (invoiceId, laterBatch) in await _ledger.GetLaterMarksAsync(Connection, batchId, marked, cancellationToken).ConfigureAwait(false))
        {
            owners[invoiceId] = $"batch {laterBatch} marked the invoice since";
        }

        var wanted = marked.ToHashSet(StringComparer.Ordinal);
        foreach (var intent in await _ledger.GetIntentsAsync(Connection, cancellationToken).ConfigureAwait(false))
        {
            if (intent.BatchId != batchId && wanted.Contains(intent.PsaInvoiceId))
            {
                owners.TryAdd(intent.PsaInvoiceId, $"batch {intent.BatchId} is writing the invoice again");
            }
        }

        return owners;
    }

    /// <summary>Clears the PSA marks of the given invoices; the reason per invoice that kept its mark.</summary>
    private async Task<Dictionary<string, string>> ClearMarksAsync(List<string> invoiceIds, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (invoiceIds.Count == 0)
        {
            return errors;
        }

        try
        {
            var results = await _psa.ClearSyncedAsync(invoiceIds, cancellationToken).ConfigureAwait(false);
            var answered = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var result in results)
            {
                answered.TryAdd(result.InvoiceId, result.Error);
            }

            foreach (var id in invoiceIds)
            {
                var error = answered.TryGetValue(id, out var e) ? e : $"{_psa.Name} returned no result";
                if (error is not null)
                {
                    errors[id] = $"{_psa.Name}: synced mark not cleared ({error}).";
                }
            }
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            foreach (var id in invoiceIds)
            {
                errors[id] = $"{_psa.Name}: synced mark not cleared ({ex.Message}).";
            }
        }

        return errors;
    }
}
