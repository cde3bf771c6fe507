using WiseSync.Pipeline.Internal;
using WiseSync.Policies;

namespace WiseSync;

public sealed partial class SyncPipeline
{
    private async Task<SyncReport> PostAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _clock.GetCurrentInstant();
        var batchId = NewBatchId(started);
        var lease = await AcquireLeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _ledger.CreateBatchAsync(new LedgerBatch(batchId, Connection, SyncAction.PostToAccounting, started), cancellationToken).ConfigureAwait(false);
            var failures = await PsaWriteFailures.LoadAsync(_ledger, Connection, _options.OrphanAfterFailedRuns, cancellationToken).ConfigureAwait(false);
            var refused = await RecoverAsync(batchId, failures, cancellationToken).ConfigureAwait(false);

            var sizes = Sizes;
            var context = new PostContext(batchId, dryRun: false, failures);
            var results = new List<InvoiceSyncResult>(refused);
            var seen = new HashSet<string>(StringComparer.Ordinal);

            // An invoice whose mark recovery just tried is done for this run (the PSA refused it): the listing skips it.
            seen.UnionWith(refused.Select(r => r.PsaInvoiceId));
            await _ledger.SaveEntriesAsync(refused.Select(r => EntryOf(batchId, r)).ToList(), cancellationToken).ConfigureAwait(false);
            var done = 0;
            var read = 0;
            var chunkIndex = 0;
            RunStop? stop = null;
            var logged = false;
            await using var reader = _psa.GetInvoicesAsync(request.ToQuery(), cancellationToken).GetAsyncEnumerator(cancellationToken);
            var more = true;
            while (more && stop is null)
            {
                var (invoices, end, readStop) = await ReadWindowAsync(reader, request, seen, sizes.PostWindow, batchId, results, cancellationToken).ConfigureAwait(false);
                more = !end;
                stop = readStop;
                read += invoices.Count;
                if (!logged)
                {
                    PipelineLog.RunStarted(_logger, SyncAction.PostToAccounting, Connection, batchId, invoices.Count);
                    logged = true;
                }

                // Later windows are known only once read: progress counts the invoices read so far as the total.
                var items = invoices.Select(i => new WorkItem(i)).ToList();
                context.InvoicesByCompany.Clear();
                stop ??= await PrepareAsync(items, context, persist: true, cancellationToken).ConfigureAwait(false);
                var closed = items.Where(i => !i.IsOpen).ToList();
                await SaveEntriesAsync(closed, batchId, cancellationToken).ConfigureAwait(false);
                foreach (var item in closed)
                {
                    Report(progress, ++done, read, item.Invoice.Number);
                }

                foreach (var chunk in items.Where(i => i.IsOpen).Chunk(sizes.AccountingWrite))
                {
                    chunkIndex++;
                    if (stop is null)
                    {
                        stop = await PostChunkAsync(context, chunkIndex, chunk, cancellationToken).ConfigureAwait(false);
                        if (stop is not null)
                        {
                            PipelineLog.RunStopped(_logger, batchId, stop.Reason);
                        }
                    }
                    else
                    {
                        foreach (var item in chunk)
                        {
                            item.Finish(stop.Status, stop.ItemMessage);
                        }
                    }

                    await SaveEntriesAsync(chunk, batchId, cancellationToken).ConfigureAwait(false);

                    // The work of a marked invoice is complete: its intent goes only now, after its entry says the mark is
                    // there, so the ledger always shows who wrote a mark (delete-batch clears only marks its batch owns).
                    await _ledger.DeleteIntentsAsync(Connection, InvoiceIds(chunk.Where(i => i.PsaMarked)), cancellationToken).ConfigureAwait(false);
                    foreach (var item in chunk)
                    {
                        Report(progress, ++done, read, item.Invoice.Number);
                    }

                    lease = await _ledger.RenewLeaseAsync(lease, LeaseDuration, cancellationToken).ConfigureAwait(false);
                }

                // Only the small per-invoice result outlives its window.
                results.AddRange(items.Select(i => i.ToResult()));
            }

            return await FinishAsync(batchId, SyncAction.PostToAccounting, started, results, stop?.Reason, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the next window of the run's invoices. A long-window limit or failed authentication ends the run (the partly read
    /// window is dropped, as a run that fails on its first page reports nothing); anything else is rethrown after the batch is closed.
    /// </summary>
    private async Task<(List<PsaInvoice> Invoices, bool End, RunStop? Stop)> ReadWindowAsync(
        IAsyncEnumerator<PsaInvoice> reader, SyncRequest request, HashSet<string> seen, int size, string batchId, List<InvoiceSyncResult> resultsSoFar, CancellationToken cancellationToken)
    {
        var invoices = new List<PsaInvoice>();
        try
        {
            while (invoices.Count < size)
            {
                if (!await reader.MoveNextAsync().ConfigureAwait(false))
                {
                    return (invoices, true, null);
                }

                if (IsInRun(reader.Current, request, seen))
                {
                    invoices.Add(reader.Current);
                }
            }

            return (invoices, false, null);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());
            if (stop is not null)
            {
                return ([], true, stop);
            }

            await _ledger.FinishBatchAsync(batchId, _clock.GetCurrentInstant(), SyncTotals.From(resultsSoFar), $"{_psa.Name}: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the run's invoices; a long-window limit or failed authentication ends the run with an empty report, anything else is rethrown after the batch is closed.</summary>
    private async Task<(List<PsaInvoice> Invoices, RunStop? Stop)> ReadForRunAsync(string batchId, SyncRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadInvoicesAsync(request, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());
            if (stop is not null)
            {
                return ([], stop);
            }

            await _ledger.FinishBatchAsync(batchId, _clock.GetCurrentInstant(), new SyncTotals(0, 0, 0, 0), $"{_psa.Name}: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SyncReport> FinishAsync(string batchId, SyncAction action, NodaTime.Instant started, IReadOnlyList<InvoiceSyncResult> results, string? stoppedReason, CancellationToken cancellationToken)
    {
        var finished = _clock.GetCurrentInstant();
        var report = new SyncReport(batchId, action, Connection, started, finished, results) { StoppedReason = stoppedReason };
        await _ledger.FinishBatchAsync(batchId, finished, report.Totals, stoppedReason, cancellationToken).ConfigureAwait(false);
        PipelineLog.RunFinished(_logger, batchId, report.Totals.Success, report.Totals.Warning, report.Totals.Error);
        return report;
    }

    /// <summary>Maps lines, due dates and numbers, reads mappings, fetches contacts in bulk and chooses them per company.</summary>
    private async Task<RunStop?> PrepareAsync(List<WorkItem> items, PostContext context, bool persist, CancellationToken cancellationToken)
    {
        var capabilities = _sink.Capabilities;
        var lines = new LineMappingPolicy(_options.Lines);
        var mappings = await _ledger.GetInvoiceMappingsAsync(Connection, items.Select(i => i.Invoice.Id).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            var invoice = item.Invoice;
            if (context.Failures?.Orphan(PsaWriteKind.SyncedMark, invoice.Id) is { } orphan)
            {
                // Posted before, and the PSA refused its mark in too many runs: a person resolves it; nothing is written.
                item.Fail(context.Failures.Describe(orphan, _psa.Name, _sink.Name));
                continue;
            }

            if (invoice.IsVoided)
            {
                item.Finish(SyncStatus.Warning, "Voided in the PSA; not posted.");
                continue;
            }

            if (InvalidShape(invoice) is { } problem)
            {
                item.Fail(problem);
                continue;
            }

            if (invoice.NotPostableReason is { } why)
            {
                item.Fail($"{_psa.Name}: {why.TrimEnd('.')}.");
                continue;
            }

            try
            {
                var mapped = lines.Map(invoice, capabilities);
                item.Lines = mapped;
                item.Messages.AddRange(mapped.Warnings);
                if (mapped.Error is not null)
                {
                    item.Fail(mapped.Error);
                    continue;
                }

                item.Due = _dueDates.Compute(invoice);
                if (item.Due.Warning is not null)
                {
                    item.Messages.Add(item.Due.Warning);
                }

                item.Number = await _numbers.ApplyAsync(invoice.Number, capabilities.MaxDocumentNumberLength, persist, cancellationToken).ConfigureAwait(false);
                if (item.Number.Warning is not null)
                {
                    item.Messages.Add(item.Number.Warning);
                }

                item.Mapping = mappings.GetValueOrDefault(invoice.Id);
                item.PayloadHash = PayloadHash.Of(invoice, item.Number.Number, LocalDateText.From(item.Due.DueDate), mapped.Lines, mapped.Total, mapped.TaxTotal, item.Mapping?.AccountingInvoiceId);
                item.IdempotencyKey = PayloadHash.IdempotencyKey(Connection, invoice.Id, item.PayloadHash);
            }
            catch (Exception ex) when (IsFailure(ex, cancellationToken))
            {
                // One invoice's data that a policy cannot handle is that invoice's red light, never the run's end.
                PipelineLog.InvoicePrepareFailed(_logger, ex, invoice.Id, context.BatchId);
                item.Fail($"Could not be prepared: {ex.Message}");
            }
        }

        var open = items.Where(i => i.IsOpen).ToList();
        foreach (var item in open)
        {
            var company = item.Invoice.Company.Id;
            if (!context.InvoicesByCompany.TryGetValue(company, out var list))
            {
                context.InvoicesByCompany[company] = list = [];
            }

            list.Add(item.Invoice);
        }

        if (open.Count == 0 || _options.ContactEmailHandling == ContactEmailHandling.None)
        {
            return null;
        }

        IReadOnlyList<PsaContact> contacts;
        try
        {
            contacts = await _psa.GetCompanyContactsAsync(context.InvoicesByCompany.Keys.ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());
            if (stop is not null)
            {
                return stop;
            }

            foreach (var item in open)
            {
                item.Messages.Add($"Contacts not updated: {_psa.Name} contacts could not be read ({ex.Message}).");
            }

            return null;
        }

        foreach (var (companyId, invoices) in context.InvoicesByCompany)
        {
            // The union of the recipients of the company's invoices in this run, first seen first.
            var recipients = invoices.SelectMany(i => i.Recipients).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            context.Selections[companyId] = _contactPolicy.Select(companyId, recipients, contacts, capabilities);
        }

        foreach (var item in open)
        {
            item.InvoiceEmail = _contactPolicy.SelectInvoiceEmail(item.Invoice.Company.Id, item.Invoice.Recipients, contacts);
        }

        return null;
    }

    /// <summary>DESIGN §3 for one chunk: intent → customers → sink write → ledger ref → PSA mark → scheduler.</summary>
    private async Task<RunStop?> PostChunkAsync(PostContext context, int chunkIndex, WorkItem[] chunk, CancellationToken cancellationToken)
    {
        // 1. Intent first, durable before any vendor call: the chunk's intents in one ledger transaction.
        var now = _clock.GetCurrentInstant();
        await _ledger.SaveIntentsAsync(
            chunk.Select(item => new SyncIntent(Connection, item.Invoice.Id, context.BatchId, item.DocumentNumber, item.Invoice.DocumentKind, item.IdempotencyKey, item.PayloadHash, IntentState.Pending, now)
            {
                PsaNumber = item.Invoice.Number,
                AccountingInvoiceId = item.Mapping?.AccountingInvoiceId,
                IsUpdate = item.Mapping is not null,
            }).ToList(),
            cancellationToken).ConfigureAwait(false);

        // 2. Customers, once per company per run.
        CustomerOutcome? callFailed = null;
        try
        {
            await ResolveCustomersAsync(context, chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(_logger, ex, chunkIndex, context.BatchId, "customers");
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());

            // A failed call is this chunk's red light only, not remembered for its companies: a later chunk asks again.
            callFailed = CustomerOutcome.Failed($"{_sink.Name}: customer not resolved ({ex.Message}).");
            if (stop is not null)
            {
                foreach (var item in chunk)
                {
                    item.Finish(stop.Status, stop.ItemMessage);
                }

                await _ledger.DeleteIntentsAsync(Connection, InvoiceIds(chunk), cancellationToken).ConfigureAwait(false);
                return stop;
            }
        }

        foreach (var item in chunk)
        {
            var outcome = callFailed is null ? context.Customers[item.Invoice.Company.Id] : context.Customers.GetValueOrDefault(item.Invoice.Company.Id, callFailed);
            if (outcome.Error is not null)
            {
                item.Fail(outcome.Error);
            }
            else if (outcome.SkipReason is not null)
            {
                item.Finish(SyncStatus.Warning, $"Not posted: {outcome.SkipReason}");
            }
            else
            {
                item.CustomerId = outcome.Customer!.Id;
                item.Messages.AddRange(outcome.Warnings);
            }
        }

        await _ledger.DeleteIntentsAsync(Connection, InvoiceIds(chunk.Where(i => !i.IsOpen)), cancellationToken).ConfigureAwait(false);
        var ready = chunk.Where(i => i.IsOpen).ToList();
        if (ready.Count == 0)
        {
            return null;
        }

        // 3. One create-or-update call for the chunk; a mapped invoice carries its accounting id and is updated.
        IReadOnlyList<AccountingWriteResult> writes;
        try
        {
            writes = await _sink.UpsertInvoicesAsync(ready.Select(BuildDraft).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            // The intents stay: the write may have landed before the failure; the next run's recovery looks.
            PipelineLog.ChunkFailed(_logger, ex, chunkIndex, context.BatchId, "invoice write");
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());
            foreach (var item in ready)
            {
                item.Finish(stop?.Status ?? SyncStatus.Error, stop?.ItemMessage ?? $"{_sink.Name}: {ex.Message}");
            }

            return stop;
        }

        // 4. Ledger: record the accounting ref before touching the PSA.
        var byInvoice = new Dictionary<string, AccountingWriteResult>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            byInvoice.TryAdd(write.PsaInvoiceId, write);
        }

        now = _clock.GetCurrentInstant();
        var mappings = new List<InvoiceMapping>();
        var writtenIntents = new List<SyncIntent>();
        var rejected = new List<string>();
        foreach (var item in ready)
        {
            if (!byInvoice.TryGetValue(item.Invoice.Id, out var write))
            {
                // The intent stays: without an answer the write may have landed; the next run's recovery looks.
                item.Fail($"{_sink.Name} returned no result for this invoice.");
                continue;
            }

            item.Messages.AddRange(write.Warnings);
            if (!write.Succeeded)
            {
                item.Fail($"{_sink.Name}: {write.Error ?? "no invoice returned"}");
                rejected.Add(item.Invoice.Id);
                continue;
            }

            var written = write.Invoice!;
            item.AccountingInvoice = written;
            mappings.Add(new InvoiceMapping(Connection, item.Invoice.Id, item.Invoice.Number, written.Id, written.Number, item.Invoice.DocumentKind, now)
            {
                AccountingCustomerId = item.CustomerId,
                Total = item.Invoice.Total,
                PaidDate = item.Mapping?.PaidDate,
            });
            writtenIntents.Add(new SyncIntent(Connection, item.Invoice.Id, context.BatchId, written.Number, item.Invoice.DocumentKind, item.IdempotencyKey, item.PayloadHash, IntentState.Written, now)
            {
                PsaNumber = item.Invoice.Number,
                AccountingInvoiceId = written.Id,
                IsUpdate = item.Mapping is not null,
            });
        }

        // The chunk's refs in one ledger transaction, all recorded before the PSA is touched below.
        await _ledger.SaveWrittenAsync(mappings, writtenIntents, cancellationToken).ConfigureAwait(false);
        await _ledger.DeleteIntentsAsync(Connection, rejected, cancellationToken).ConfigureAwait(false);

        // 5. PSA: the synced mark, one call for the chunk.
        var posted = ready.Where(i => i.IsOpen).ToList();
        if (posted.Count == 0)
        {
            return null;
        }

        IReadOnlyList<PsaWriteResult> marks;
        try
        {
            marks = await _psa.MarkSyncedAsync(
                BatchKeys.For(context.BatchId, "p", chunkIndex, _psa.Capabilities),
                posted.Select(i => new PsaSyncMark(i.Invoice.Id, now, i.AccountingInvoice!.Id)).ToList(),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(_logger, ex, chunkIndex, context.BatchId, "PSA mark");
            var stop = RunStop.For(ex, _clock.GetCurrentInstant());
            foreach (var item in posted)
            {
                item.Finish(stop?.Status ?? SyncStatus.Error, NotMarkedMessage(item, ex.Message));
            }

            return stop;
        }

        var markResults = new Dictionary<string, PsaWriteResult>(StringComparer.Ordinal);
        foreach (var mark in marks)
        {
            markResults.TryAdd(mark.InvoiceId, mark);
        }

        foreach (var item in posted)
        {
            var error = markResults.TryGetValue(item.Invoice.Id, out var mark) ? mark.Error : $"{_psa.Name} returned no result";
            if (error is null)
            {
                item.PsaMarked = true;
                continue;
            }

            // The PSA refused this invoice's mark: counted, and after too many runs an orphan whose intent goes (not retried).
            var failure = await context.Failures!.RecordAsync(PsaWriteKind.SyncedMark, item.Invoice.Id, item.Invoice.Number, item.AccountingInvoice!.Id,
                item.AccountingInvoice.Number, error, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            item.Fail(context.Failures.Describe(failure, _psa.Name, _sink.Name));
            if (failure.IsOrphan)
            {
                await _ledger.DeleteIntentAsync(Connection, item.Invoice.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        // 6. Scheduler, before the intents go (after the chunk's entries): a crash in between leaves the intents, and recovery
        // only repeats the (idempotent) mark, so no invoice of the chunk loses its payment schedule to the crash.
        var marked = posted.Where(i => i.PsaMarked).ToList();
        await context.Failures!.SucceededAsync(PsaWriteKind.SyncedMark, InvoiceIds(marked), cancellationToken).ConfigureAwait(false);
        foreach (var item in marked)
        {
            await ScheduleAsync(item, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Writes the entries of finished work items in one ledger call, in their order.</summary>
    private Task SaveEntriesAsync(IEnumerable<WorkItem> items, string batchId, CancellationToken cancellationToken) =>
        _ledger.SaveEntriesAsync(items.Select(i => i.ToEntry(batchId, _clock.GetCurrentInstant())).ToList(), cancellationToken);

    private static List<string> InvoiceIds(IEnumerable<WorkItem> items) => items.Select(i => i.Invoice.Id).ToList();

    private LedgerEntry EntryOf(string batchId, InvoiceSyncResult result) =>
        new(batchId, result.PsaInvoiceId, result.Number, result.Status, result.Messages, _clock.GetCurrentInstant())
        {
            CompanyName = result.CompanyName,
            Total = result.Total,
            AccountingInvoiceId = result.AccountingInvoiceId,
            AccountingNumber = result.AccountingNumber,
        };

    /// <summary>What the PSA must give before anything is written: an id to mark, a company to bill, lines and recipients lists.</summary>
    private static string? InvalidShape(PsaInvoice invoice)
    {
        if (string.IsNullOrWhiteSpace(invoice.Id))
        {
            return "The invoice has no PSA id; nothing can be marked synced.";
        }

        if (!IsValidText(invoice.Id) || !IsValidText(invoice.Number))
        {
            // A lone surrogate cannot be stored faithfully (SQLite keeps UTF-8): the ledger's lookups would miss it.
            return "The invoice id or number is not valid Unicode text.";
        }

        if (invoice.Company is null || string.IsNullOrWhiteSpace(invoice.Company.Id))
        {
            return "The invoice has no company.";
        }

        if (string.IsNullOrWhiteSpace(invoice.Company.Name))
        {
            return $"The invoice's company {invoice.Company.Id} has no name; an accounting customer needs one.";
        }

        return invoice.Lines is null || invoice.Recipients is null ? "The PSA gave the invoice without its lines or recipients." : null;
    }

    private static bool IsValidText(string? value)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private string NotMarkedMessage(WorkItem item, string reason) =>
        $"Posted to {_sink.Name} as {item.AccountingInvoice!.Number}, but the {_psa.Name} synced mark was not written ({reason}); the next run tries again.";

    private AccountingInvoiceDraft BuildDraft(WorkItem item)
    {
        var invoice = item.Invoice;
        var lines = item.Lines!;
        return new AccountingInvoiceDraft(
            invoice.Id,
            item.DocumentNumber,
            invoice.DocumentKind,
            item.CustomerId ?? string.Empty,
            invoice.InvoiceDate,
            item.Due?.DueDate,
            invoice.Currency,
            lines.Lines,
            lines.Total,
            item.IdempotencyKey)
        {
            ExistingAccountingId = item.Mapping?.AccountingInvoiceId,
            TaxMode = invoice.TaxMode,
            TaxTotal = lines.TaxTotal,
            Reference = invoice.PurchaseOrderNumber,
            InvoiceEmail = item.InvoiceEmail,
            Division = invoice.Division,
            SourceUrl = invoice.PsaUrl,
            OriginalNumber = item.Number?.OriginalNumber,
        };
    }

    private async Task ScheduleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (_scheduler is null)
        {
            item.Payment = PaymentQueueStatus.Disabled;
            item.PaymentMessage = "no payment scheduler configured";
            return;
        }

        try
        {
            var result = await _scheduler.ScheduleAsync(
                new PaymentScheduleRequest(item.Invoice, item.Due?.DueDate, item.AccountingInvoice, item.CustomerId),
                cancellationToken).ConfigureAwait(false);
            item.Payment = result.Status;
            item.PaymentMessage = result.Message;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            item.Payment = PaymentQueueStatus.Disabled;
            item.PaymentMessage = $"Payment not scheduled: {ex.Message}";
            item.Messages.Add(item.PaymentMessage);
        }
    }
}
