using System.Globalization;
using WiseSync.Pipeline.Internal;

namespace WiseSync;

public sealed partial class SyncPipeline
{
    private string PaymentWatermarkKey => $"{Connection}:payment-status";

    /// <summary>
    /// Mapped invoices not yet paid → the sink's payment status in batches (from the stored watermark) → PSA paid date →
    /// ledger → scheduler settled. The report lists the invoices found paid (and any that failed).
    /// </summary>
    private async Task<SyncReport> UpdatePaidDatesAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _clock.GetCurrentInstant();
        var batchId = NewBatchId(started);
        var lease = await AcquireLeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _ledger.CreateBatchAsync(new LedgerBatch(batchId, Connection, SyncAction.UpdatePaidDates, started), cancellationToken).ConfigureAwait(false);
            var failures = await PsaWriteFailures.LoadAsync(_ledger, Connection, _options.OrphanAfterFailedRuns, cancellationToken).ConfigureAwait(false);
            var inRequest = (await _ledger.GetUnpaidInvoiceMappingsAsync(Connection, cancellationToken).ConfigureAwait(false))
                .Where(m => request.InvoiceIds is not { Count: > 0 } ids || ids.Contains(m.PsaInvoiceId))
                .ToList();

            // An invoice whose paid date the PSA refused in too many runs is not asked about again: it is red until a person
            // resolves it and dismisses the orphan.
            var orphans = inRequest.Where(m => failures.Orphan(PsaWriteKind.PaidDate, m.PsaInvoiceId) is not null).ToList();
            var unpaid = inRequest.Except(orphans).ToList();
            PipelineLog.RunStarted(_logger, SyncAction.UpdatePaidDates, Connection, batchId, unpaid.Count);

            var watermark = await _ledger.GetWatermarkAsync(PaymentWatermarkKey, cancellationToken).ConfigureAwait(false);
            string? nextWatermark = null;
            var complete = true;
            RunStop? stop = null;
            var results = orphans.Select(m => Result(m, SyncStatus.Error, failures.Describe(failures.Orphan(PsaWriteKind.PaidDate, m.PsaInvoiceId)!, _psa.Name, _sink.Name))).ToList();
            await _ledger.SaveEntriesAsync(results.Select(r => EntryOf(batchId, r)).ToList(), cancellationToken).ConfigureAwait(false);
            var done = 0;
            var chunkIndex = 0;
            foreach (var chunk in unpaid.Chunk(Sizes.PaymentStatus))
            {
                chunkIndex++;
                var chunkResults = new List<InvoiceSyncResult>();
                if (stop is not null)
                {
                    chunkResults.AddRange(chunk.Select(m => Result(m, stop.Status, stop.ItemMessage)));
                }
                else
                {
                    try
                    {
                        // Every chunk asks from the same stored watermark; the first new one is kept, so nothing changed mid-run is skipped.
                        var status = await _sink.GetPaymentStatusAsync(new PaymentStatusQuery(chunk.Select(m => m.AccountingInvoiceId).ToList(), watermark), cancellationToken).ConfigureAwait(false);
                        nextWatermark ??= status.NewWatermark;
                        stop = await SetPaidAsync(batchId, chunkIndex, chunk, status.Invoices, chunkResults, failures, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsFailure(ex, cancellationToken))
                    {
                        PipelineLog.ChunkFailed(_logger, ex, chunkIndex, batchId, "payment status");
                        stop = RunStop.For(ex, _clock.GetCurrentInstant());
                        chunkResults.AddRange(chunk.Select(m => Result(m, stop?.Status ?? SyncStatus.Error, stop?.ItemMessage ?? $"{_sink.Name}: payment status not read ({ex.Message}).")));
                    }

                    complete &= stop is null && chunkResults.All(r => r.Status != SyncStatus.Error);
                }

                await _ledger.SaveEntriesAsync(
                    chunkResults.Select(result => new LedgerEntry(batchId, result.PsaInvoiceId, result.Number, result.Status, result.Messages, _clock.GetCurrentInstant())
                    {
                        Total = result.Total,
                        AccountingInvoiceId = result.AccountingInvoiceId,
                        AccountingNumber = result.AccountingNumber,
                    }).ToList(),
                    cancellationToken).ConfigureAwait(false);

                results.AddRange(chunkResults);
                done += chunk.Length;
                Report(progress, done, unpaid.Count, null);
                lease = await _ledger.RenewLeaseAsync(lease, LeaseDuration, cancellationToken).ConfigureAwait(false);
            }

            if (complete && stop is null && nextWatermark is not null)
            {
                await _ledger.SetWatermarkAsync(PaymentWatermarkKey, nextWatermark, cancellationToken).ConfigureAwait(false);
            }

            return await FinishAsync(batchId, SyncAction.UpdatePaidDates, started, results, stop?.Reason, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
    }

    private async Task<RunStop?> SetPaidAsync(string batchId, int chunkIndex, InvoiceMapping[] chunk, IReadOnlyList<AccountingInvoiceRef> statuses, List<InvoiceSyncResult> results,
        PsaWriteFailures failures, CancellationToken cancellationToken)
    {
        var byAccountingId = chunk.ToDictionary(m => m.AccountingInvoiceId, StringComparer.Ordinal);
        var today = _clock.GetCurrentInstant().InUtc().Date;
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

        IReadOnlyList<PsaWriteResult> written;
        try
        {
            written = await _psa.SetPaidAsync(paid.Select(p => p.Mark).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(_logger, ex, chunkIndex, batchId, "PSA paid date");
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());
            results.AddRange(paid.Select(p => Result(p.Mapping, stop?.Status ?? SyncStatus.Error, stop?.ItemMessage ?? $"Paid in {_sink.Name}, but the {_psa.Name} paid date was not written ({ex.Message}).")));
            return stop;
        }

        var errors = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var result in written)
        {
            errors.TryAdd(result.InvoiceId, result.Error);
        }

        foreach (var (mapping, mark) in paid)
        {
            var error = errors.TryGetValue(mark.InvoiceId, out var e) ? e : $"{_psa.Name} returned no result";
            if (error is not null)
            {
                // Counted: after too many runs an orphan, no longer asked about.
                var failure = await failures.RecordAsync(PsaWriteKind.PaidDate, mapping.PsaInvoiceId, mapping.PsaNumber, mapping.AccountingInvoiceId, mapping.AccountingNumber,
                    error, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
                results.Add(Result(mapping, SyncStatus.Error, failures.Describe(failure, _psa.Name, _sink.Name)));
                continue;
            }

            await failures.SucceededAsync(PsaWriteKind.PaidDate, [mapping.PsaInvoiceId], cancellationToken).ConfigureAwait(false);

            await _ledger.SaveInvoiceMappingAsync(mapping with { PaidDate = mark.PaidDate, UpdatedAt = _clock.GetCurrentInstant() }, cancellationToken).ConfigureAwait(false);
            var messages = new List<string>();
            if (_scheduler is not null)
            {
                try
                {
                    await _scheduler.SettleAsync(mapping.PsaInvoiceId, mark.PaidDate, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsFailure(ex, cancellationToken))
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
