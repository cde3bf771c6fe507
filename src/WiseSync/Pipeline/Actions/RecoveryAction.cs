using WiseSync.Pipeline.Internal;
using WiseSync.Pipeline.Steps;

namespace WiseSync.Pipeline.Actions;

/// <summary>The start of every post: what a crashed run left between the intent and the PSA mark is finished or released.</summary>
internal sealed class RecoveryAction(PipelineServices services, MarkPsaStep markPsa)
{
    /// <summary>
    /// Reconciles what a crashed run left between the intent and the PSA mark: a pending create is looked up by number
    /// (found → mapped, never created again; not found → released so this run posts it), a pending update is released
    /// (this run updates it again), and a written one gets its PSA mark. A mark the PSA refuses is this run's red light for
    /// that invoice (returned, so the run reports it and does not post it again), counted towards its orphan limit.
    /// </summary>
    public async Task<List<InvoiceSyncResult>> RunAsync(string currentBatchId, PsaWriteFailures failures, CancellationToken cancellationToken)
    {
        var refused = new List<InvoiceSyncResult>();
        var intents = await services.Ledger.GetIntentsAsync(services.Connection, cancellationToken).ConfigureAwait(false);
        if (intents.Count == 0)
        {
            return refused;
        }

        int completed = 0, released = 0;
        try
        {
            var written = intents.Where(i => i.State == IntentState.Written).ToList();
            foreach (var intent in intents.Where(i => i.State == IntentState.Pending && i.IsUpdate))
            {
                await services.Ledger.DeleteIntentAsync(services.Connection, intent.PsaInvoiceId, cancellationToken).ConfigureAwait(false);
                released++;
            }

            foreach (var group in intents.Where(i => i.State == IntentState.Pending && !i.IsUpdate).GroupBy(i => i.Kind))
            {
                var pending = group.ToList();
                var found = await services.Sink.FindInvoicesByNumberAsync(pending.Select(i => i.DocumentNumber).Distinct().ToList(), group.Key, cancellationToken).ConfigureAwait(false);
                var byNumber = new Dictionary<string, AccountingInvoiceRef>(StringComparer.OrdinalIgnoreCase);
                foreach (var invoice in found)
                {
                    byNumber.TryAdd(invoice.Number, invoice);
                }

                var now = services.Now;
                foreach (var intent in pending)
                {
                    if (!byNumber.TryGetValue(intent.DocumentNumber, out var existing))
                    {
                        await services.Ledger.DeleteIntentAsync(services.Connection, intent.PsaInvoiceId, cancellationToken).ConfigureAwait(false);
                        released++;
                        continue;
                    }

                    await services.Ledger.SaveInvoiceMappingAsync(
                        new InvoiceMapping(services.Connection, intent.PsaInvoiceId, intent.PsaNumber ?? intent.DocumentNumber, existing.Id, existing.Number, intent.Kind, now),
                        cancellationToken).ConfigureAwait(false);
                    var advanced = intent with { State = IntentState.Written, AccountingInvoiceId = existing.Id, UpdatedAt = now };
                    await services.Ledger.SaveIntentAsync(advanced, cancellationToken).ConfigureAwait(false);
                    written.Add(advanced);
                }
            }

            var chunkIndex = 0;
            foreach (var chunk in written.Chunk(services.Sizes.PsaWrite))
            {
                chunkIndex++;
                var now = services.Now;
                var answers = await markPsa.MarkAsync(currentBatchId, "r", chunkIndex, chunk.Select(i => new PsaSyncMark(i.PsaInvoiceId, now, i.AccountingInvoiceId)).ToList(), cancellationToken)
                    .ConfigureAwait(false);

                var marked = new List<string>();
                foreach (var intent in chunk)
                {
                    if (answers.ErrorOf(intent.PsaInvoiceId) is { } error)
                    {
                        refused.Add(await RefusedMarkAsync(intent, error, failures, cancellationToken).ConfigureAwait(false));
                        continue;
                    }

                    await RecordRecoveredAsync(intent, currentBatchId, cancellationToken).ConfigureAwait(false);
                    await services.Ledger.DeleteIntentAsync(services.Connection, intent.PsaInvoiceId, cancellationToken).ConfigureAwait(false);
                    marked.Add(intent.PsaInvoiceId);
                    completed++;
                }

                await failures.SucceededAsync(PsaWriteKind.SyncedMark, marked, cancellationToken).ConfigureAwait(false);
            }

            await CloseInterruptedBatchesAsync(intents.Select(i => i.BatchId).Distinct().Where(b => b != currentBatchId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            PipelineLog.RecoveryFailed(services.Logger, ex, services.Connection);
        }

        PipelineLog.Recovered(services.Logger, services.Connection, intents.Count, completed, released);
        return refused;
    }

    /// <summary>A mark the PSA refused for a written intent: counted; an orphan's intent goes (it is no longer retried).</summary>
    private async Task<InvoiceSyncResult> RefusedMarkAsync(SyncIntent intent, string error, PsaWriteFailures failures, CancellationToken cancellationToken)
    {
        var mapping = (await services.Ledger.GetInvoiceMappingsAsync(services.Connection, [intent.PsaInvoiceId], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(intent.PsaInvoiceId);
        var accountingNumber = mapping?.AccountingNumber ?? intent.DocumentNumber;
        var failure = await failures.RecordAsync(PsaWriteKind.SyncedMark, intent.PsaInvoiceId, intent.PsaNumber ?? intent.DocumentNumber, intent.AccountingInvoiceId,
            accountingNumber, error, services.Now, cancellationToken).ConfigureAwait(false);
        if (failure.IsOrphan)
        {
            await services.Ledger.DeleteIntentAsync(services.Connection, intent.PsaInvoiceId, cancellationToken).ConfigureAwait(false);
        }

        return new InvoiceSyncResult(intent.PsaInvoiceId, intent.PsaNumber ?? intent.DocumentNumber, SyncStatus.Error, [failures.Describe(failure, services.Psa.Name, services.Sink.Name)])
        {
            Total = mapping?.Total,
            AccountingInvoiceId = intent.AccountingInvoiceId,
            AccountingNumber = accountingNumber,
        };
    }

    private async Task RecordRecoveredAsync(SyncIntent intent, string currentBatchId, CancellationToken cancellationToken)
    {
        // The entry goes to the batch that started the write, unless that batch has since been deleted.
        var batchId = await services.Ledger.GetBatchAsync(intent.BatchId, cancellationToken).ConfigureAwait(false) is null ? currentBatchId : intent.BatchId;
        var mapping = (await services.Ledger.GetInvoiceMappingsAsync(services.Connection, [intent.PsaInvoiceId], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(intent.PsaInvoiceId);
        await services.Ledger.SaveEntryAsync(
            new LedgerEntry(batchId, intent.PsaInvoiceId, intent.PsaNumber ?? intent.DocumentNumber, SyncStatus.Warning,
                ["Completed after an interrupted run: found in accounting and marked synced."], services.Now)
            {
                PsaMarked = true,
                AccountingInvoiceId = intent.AccountingInvoiceId,
                AccountingNumber = mapping?.AccountingNumber ?? intent.DocumentNumber,
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task CloseInterruptedBatchesAsync(IEnumerable<string> batchIds, CancellationToken cancellationToken)
    {
        foreach (var batchId in batchIds)
        {
            var batch = await services.Ledger.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
            if (batch is null || batch.FinishedAt is not null)
            {
                continue;
            }

            var entries = await services.Ledger.GetEntriesAsync(batchId, cancellationToken).ConfigureAwait(false);
            var totals = new SyncTotals(
                entries.Count,
                entries.Count(e => e.Status == SyncStatus.Success),
                entries.Count(e => e.Status == SyncStatus.Warning),
                entries.Count(e => e.Status == SyncStatus.Error));
            await services.Ledger.FinishBatchAsync(batchId, services.Now, totals, "interrupted; completed by a later run", cancellationToken).ConfigureAwait(false);
        }
    }
}
