using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Actions;

/// <summary>
/// Deletes a batch, or one entry of it: clears the PSA synced marks it still owns, cancels their scheduled payments and
/// removes the entries, but keeps the PSA→accounting invoice and customer mappings, so the next post updates the same
/// accounting invoices.
/// </summary>
internal sealed class DeleteAction(PipelineServices services)
{
    /// <summary>Deletes the batch's entries (only <paramref name="onlyInvoiceId"/>'s when given).</summary>
    public async Task<DeleteBatchResult> RunAsync(string batchId, string? onlyInvoiceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        var batch = await services.Ledger.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null || batch.Connection != services.Connection)
        {
            throw new WiseSyncException($"Batch '{batchId}' is not in the ledger of connection '{services.Connection}'.");
        }

        return await LeasedRun.RunAsync(services, action: null, progress: null, scope => DeleteAsync(scope, batch, onlyInvoiceId, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeleteBatchResult> DeleteAsync(RunScope scope, LedgerBatch batch, string? onlyInvoiceId, CancellationToken cancellationToken)
    {
        var batchId = batch.Id;
        var entries = (await services.Ledger.GetEntriesAsync(batchId, cancellationToken).ConfigureAwait(false))
            .Where(e => onlyInvoiceId is null || e.PsaInvoiceId == onlyInvoiceId)
            .ToList();
        if (onlyInvoiceId is not null && entries.Count == 0)
        {
            throw new WiseSyncException($"Batch '{batchId}' has no entry for invoice '{onlyInvoiceId}'.");
        }

        if (onlyInvoiceId is null)
        {
            // Durable before any PSA call: a deletion cut short shows as "deleting", and a repeat finishes it.
            await services.Ledger.MarkBatchDeletingAsync(batchId, services.Now, cancellationToken).ConfigureAwait(false);
        }

        // A payment batch recorded paid dates; deleting it removes the ledger record only.
        var clearsMarks = batch.Action != SyncAction.UpdatePaidDates;
        var keptBy = clearsMarks ? await MarksOwnedElsewhereAsync(batchId, entries, cancellationToken).ConfigureAwait(false) : [];
        var outcomes = new List<InvoiceSyncResult>();
        var failed = 0;
        await scope.ForEachChunkAsync(entries.Chunk(services.Sizes.PsaWrite), async (chunk, _) =>
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
                    if (services.Scheduler is not null && batch.Action == SyncAction.PostToAccounting && entry.PsaMarked)
                    {
                        try
                        {
                            await services.Scheduler.CancelAsync(entry.PsaInvoiceId, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
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
            await services.Ledger.DeleteEntriesAsync(batchId, removed, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        var batchDeleted = false;
        if (onlyInvoiceId is null && failed == 0)
        {
            await services.Ledger.DeleteBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
            batchDeleted = true;
        }

        return new DeleteBatchResult(batchId, batchDeleted, outcomes);
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

        foreach (var (invoiceId, laterBatch) in await services.Ledger.GetLaterMarksAsync(services.Connection, batchId, marked, cancellationToken).ConfigureAwait(false))
        {
            owners[invoiceId] = $"batch {laterBatch} marked the invoice since";
        }

        var wanted = marked.ToHashSet(StringComparer.Ordinal);
        foreach (var intent in await services.Ledger.GetIntentsAsync(services.Connection, cancellationToken).ConfigureAwait(false))
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
            var answers = new PsaAnswers(await services.Psa.ClearSyncedAsync(invoiceIds, cancellationToken).ConfigureAwait(false), services.Psa.Name);
            foreach (var id in invoiceIds)
            {
                if (answers.ErrorOf(id) is { } error)
                {
                    errors[id] = $"{services.Psa.Name}: synced mark not cleared ({error}).";
                }
            }
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            foreach (var id in invoiceIds)
            {
                errors[id] = $"{services.Psa.Name}: synced mark not cleared ({ex.Message}).";
            }
        }

        return errors;
    }
}
