namespace WiseSync;

public sealed partial class SyncPipeline
{
    /// <summary>
    /// Deletes a batch: clears the PSA synced marks, cancels scheduled payments and removes the entries, but keeps the
    /// PSA→accounting invoice and customer mappings, so the next post updates the same accounting invoices.
    /// Entries whose mark could not be cleared stay (and so does the batch).
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

            // A payment batch recorded paid dates; deleting it removes the ledger record only.
            var clearsMarks = batch.Action != SyncAction.UpdatePaidDates;
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            var toClear = clearsMarks ? entries.Where(e => e.PsaMarked).Select(e => e.PsaInvoiceId).ToList() : [];
            foreach (var chunk in toClear.Chunk(Math.Max(1, _options.PsaBatchSize)))
            {
                try
                {
                    var results = await _psa.ClearSyncedAsync(chunk, cancellationToken).ConfigureAwait(false);
                    var answered = results.ToDictionary(r => r.InvoiceId, r => r.Error, StringComparer.Ordinal);
                    foreach (var id in chunk)
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
                    foreach (var id in chunk)
                    {
                        errors[id] = $"{_psa.Name}: synced mark not cleared ({ex.Message}).";
                    }
                }
            }

            var outcomes = new List<InvoiceSyncResult>();
            foreach (var entry in entries)
            {
                if (errors.TryGetValue(entry.PsaInvoiceId, out var error))
                {
                    outcomes.Add(new InvoiceSyncResult(entry.PsaInvoiceId, entry.Number, SyncStatus.Error, [error]) { AccountingInvoiceId = entry.AccountingInvoiceId });
                    continue;
                }

                var messages = new List<string> { entry.PsaMarked && clearsMarks ? "Synced mark cleared; entry removed." : "Entry removed." };
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

                await _ledger.DeleteEntryAsync(batchId, entry.PsaInvoiceId, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new InvoiceSyncResult(entry.PsaInvoiceId, entry.Number, messages.Count == 1 ? SyncStatus.Success : SyncStatus.Warning, messages)
                {
                    AccountingInvoiceId = entry.AccountingInvoiceId,
                    AccountingNumber = entry.AccountingNumber,
                });
            }

            var batchDeleted = false;
            if (onlyInvoiceId is null && errors.Count == 0)
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
}
