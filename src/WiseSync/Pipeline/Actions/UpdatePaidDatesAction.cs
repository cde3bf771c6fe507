using System.Globalization;
using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Actions;

/// <summary>
/// Mapped invoices not yet paid → the sink's payment status in batches (from the stored watermark) → PSA paid date →
/// ledger → scheduler settled. The report lists the invoices found paid (and any that failed).
/// </summary>
internal sealed class UpdatePaidDatesAction(PipelineServices services)
{
    private string PaymentWatermarkKey => $"{services.Connection}:payment-status";

    public Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken) =>
        LeasedRun.RunAsync(services, SyncAction.UpdatePaidDates, progress, scope => UpdateAsync(scope, request, cancellationToken), cancellationToken);

    private async Task<SyncReport> UpdateAsync(RunScope scope, SyncRequest request, CancellationToken cancellationToken)
    {
        var batchId = scope.BatchId;
        var failures = await PsaWriteFailures.LoadAsync(services.Ledger, services.Connection, services.Options.OrphanAfterFailedRuns, cancellationToken).ConfigureAwait(false);
        var inRequest = (await services.Ledger.GetUnpaidInvoiceMappingsAsync(services.Connection, cancellationToken).ConfigureAwait(false))
            .Where(m => request.InvoiceIds is not { Count: > 0 } ids || ids.Contains(m.PsaInvoiceId))
            .ToList();

        // An invoice whose paid date the PSA refused in too many runs is not asked about again: it is red until a person
        // resolves it and dismisses the orphan.
        var orphans = inRequest.Where(m => failures.Orphan(PsaWriteKind.PaidDate, m.PsaInvoiceId) is not null).ToList();
        var unpaid = inRequest.Except(orphans).ToList();
        PipelineLog.RunStarted(services.Logger, SyncAction.UpdatePaidDates, services.Connection, batchId, unpaid.Count);

        var watermark = await services.Ledger.GetWatermarkAsync(PaymentWatermarkKey, cancellationToken).ConfigureAwait(false);
        string? nextWatermark = null;
        var complete = true;
        var results = orphans.Select(m => Result(m, SyncStatus.Error, failures.Describe(failures.Orphan(PsaWriteKind.PaidDate, m.PsaInvoiceId)!, services.Psa.Name, services.Sink.Name))).ToList();
        await services.Ledger.SaveEntriesAsync(results.Select(r => services.EntryOf(batchId, r)).ToList(), cancellationToken).ConfigureAwait(false);
        var done = 0;
        await scope.ForEachChunkAsync(unpaid.Chunk(services.Sizes.PaymentStatus), async (chunk, chunkIndex) =>
        {
            var chunkResults = new List<InvoiceSyncResult>();
            if (scope.Stop is { } stop)
            {
                chunkResults.AddRange(chunk.Select(m => Result(m, stop.Status, stop.ItemMessage)));
            }
            else
            {
                try
                {
                    // Every chunk asks from the same stored watermark; the first new one is kept, so nothing changed mid-run is skipped.
                    var status = await services.Sink.GetPaymentStatusAsync(new PaymentStatusQuery(chunk.Select(m => m.AccountingInvoiceId).ToList(), watermark), cancellationToken).ConfigureAwait(false);
                    nextWatermark ??= status.NewWatermark;
                    scope.Stop = await SetPaidAsync(batchId, chunkIndex, chunk, status.Invoices, chunkResults, failures, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
                {
                    PipelineLog.ChunkFailed(services.Logger, ex, chunkIndex, batchId, "payment status");
                    scope.Stop = RunStop.For(ex, services.Now);
                    chunkResults.AddRange(chunk.Select(m => Result(m, scope.Stop?.Status ?? SyncStatus.Error, scope.Stop?.ItemMessage ?? $"{services.Sink.Name}: payment status not read ({ex.Message}).")));
                }

                complete &= scope.Stop is null && chunkResults.All(r => r.Status != SyncStatus.Error);
            }

            await services.Ledger.SaveEntriesAsync(chunkResults.Select(r => services.EntryOf(batchId, r)).ToList(), cancellationToken).ConfigureAwait(false);

            results.AddRange(chunkResults);
            done += chunk.Length;
            scope.Report(done, unpaid.Count, null);
        }, cancellationToken).ConfigureAwait(false);

        if (complete && scope.Stop is null && nextWatermark is not null)
        {
            await services.Ledger.SetWatermarkAsync(PaymentWatermarkKey, nextWatermark, cancellationToken).ConfigureAwait(false);
        }

        return await scope.FinishAsync(SyncAction.UpdatePaidDates, results, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunStop?> SetPaidAsync(string batchId, int chunkIndex, InvoiceMapping[] chunk, IReadOnlyList<AccountingInvoiceRef> statuses, List<InvoiceSyncResult> results,
        PsaWriteFailures failures, CancellationToken cancellationToken)
    {
        var byAccountingId = chunk.ToDictionary(m => m.AccountingInvoiceId, StringComparer.Ordinal);
        var today = services.Now.InUtc().Date;
        var paid = new List<(InvoiceMapping Mapping, PsaPaidMark Mark)>();
        foreach (var status in statuses)
        {
            if (status.IsFullyPaid && byAccountingId.TryGetValue(status.Id, out var mapping))
            {
                paid.Add((mapping, new PsaPaidMark(mapping.PsaInvoiceId, status.FullyPaidOn ?? today, status.AmountPaid)));
            }
        }

        if (paid.Count == 0)
        {
            return null;
        }

        PsaAnswers answers;
        try
        {
            answers = new PsaAnswers(await services.Psa.SetPaidAsync(paid.Select(p => p.Mark).ToList(), cancellationToken).ConfigureAwait(false), services.Psa.Name);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(services.Logger, ex, chunkIndex, batchId, "PSA paid date");
            var stop = RunStop.For(ex, services.Now);
            results.AddRange(paid.Select(p => Result(p.Mapping, stop?.Status ?? SyncStatus.Error, stop?.ItemMessage ?? $"Paid in {services.Sink.Name}, but the {services.Psa.Name} paid date was not written ({ex.Message}).")));
            return stop;
        }

        foreach (var (mapping, mark) in paid)
        {
            if (answers.ErrorOf(mark.InvoiceId) is { } error)
            {
                // Counted: after too many runs an orphan, no longer asked about.
                var failure = await failures.RecordAsync(PsaWriteKind.PaidDate, mapping.PsaInvoiceId, mapping.PsaNumber, mapping.AccountingInvoiceId, mapping.AccountingNumber,
                    error, services.Now, cancellationToken).ConfigureAwait(false);
                results.Add(Result(mapping, SyncStatus.Error, failures.Describe(failure, services.Psa.Name, services.Sink.Name)));
                continue;
            }

            await failures.SucceededAsync(PsaWriteKind.PaidDate, [mapping.PsaInvoiceId], cancellationToken).ConfigureAwait(false);

            await services.Ledger.SaveInvoiceMappingAsync(mapping with { PaidDate = mark.PaidDate, UpdatedAt = services.Now }, cancellationToken).ConfigureAwait(false);
            var messages = new List<string>();
            if (services.Scheduler is not null)
            {
                try
                {
                    await services.Scheduler.SettleAsync(mapping.PsaInvoiceId, mark.PaidDate, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
                {
                    messages.Add($"The payment scheduler was not told the invoice is settled ({ex.Message}).");
                }
            }

            var paidText = $"Paid on {mark.PaidDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)} ({mark.Amount.ToString("0.00", CultureInfo.InvariantCulture)}).";
            results.Add(Result(mapping, messages.Count == 0 ? SyncStatus.Success : SyncStatus.Warning, [paidText, .. messages]));
        }

        return null;
    }

    private static InvoiceSyncResult Result(InvoiceMapping mapping, SyncStatus status, params string[] messages) =>
        new(mapping.PsaInvoiceId, mapping.PsaNumber, status, messages)
        {
            Total = mapping.Total,
            AccountingInvoiceId = mapping.AccountingInvoiceId,
            AccountingNumber = mapping.AccountingNumber,
        };
}
