using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Actions;

/// <summary>
/// Post to accounting: recovery first, then the PSA window by window, each window prepared and posted chunk by chunk
/// through the steps of DESIGN §3 (intent → customers → write → record → PSA mark → scheduler).
/// </summary>
internal sealed class PostAction(PipelineServices services, PostSteps steps, RecoveryAction recovery)
{
    public Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken) =>
        LeasedRun.RunAsync(services, SyncAction.PostToAccounting, progress, scope => PostAsync(scope, request, cancellationToken), cancellationToken);

    private async Task<SyncReport> PostAsync(RunScope scope, SyncRequest request, CancellationToken cancellationToken)
    {
        var batchId = scope.BatchId;
        var failures = await PsaWriteFailures.LoadAsync(services.Ledger, services.Connection, services.Options.OrphanAfterFailedRuns, cancellationToken).ConfigureAwait(false);
        var refused = await recovery.RunAsync(batchId, failures, cancellationToken).ConfigureAwait(false);

        var sizes = services.Sizes;
        var context = new PostContext(batchId, dryRun: false, failures);
        var results = new List<InvoiceSyncResult>(refused);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // An invoice whose mark recovery just tried is done for this run (the PSA refused it): the listing skips it.
        seen.UnionWith(refused.Select(r => r.PsaInvoiceId));
        await services.Ledger.SaveEntriesAsync(refused.Select(r => services.EntryOf(batchId, r)).ToList(), cancellationToken).ConfigureAwait(false);
        var done = 0;
        var read = 0;
        var chunksBefore = 0;
        var logged = false;
        await using var reader = services.Psa.GetInvoicesAsync(request.ToQuery(), cancellationToken).GetAsyncEnumerator(cancellationToken);
        var more = true;
        while (more && scope.Stop is null)
        {
            var (invoices, end, readStop) = await steps.Read.ReadNextAsync(reader, request, seen, sizes.PostWindow, batchId, results, cancellationToken).ConfigureAwait(false);
            more = !end;
            scope.Stop = readStop;
            read += invoices.Count;
            if (!logged)
            {
                PipelineLog.RunStarted(services.Logger, SyncAction.PostToAccounting, services.Connection, batchId, invoices.Count);
                logged = true;
            }

            // Later windows are known only once read: progress counts the invoices read so far as the total.
            var items = invoices.Select(i => new WorkItem(i)).ToList();
            context.InvoicesByCompany.Clear();
            scope.Stop ??= await steps.PrepareInvoices.RunAsync(items, context, persist: true, cancellationToken).ConfigureAwait(false);
            var closed = items.Where(i => !i.IsOpen).ToList();
            await services.SaveEntriesAsync(closed, batchId, cancellationToken).ConfigureAwait(false);
            foreach (var item in closed)
            {
                scope.Report(++done, read, item.Invoice.Number);
            }

            var open = items.Where(i => i.IsOpen).Chunk(sizes.AccountingWrite).ToList();
            await scope.ForEachChunkAsync(open, async (chunk, index) =>
            {
                var chunkIndex = chunksBefore + index;
                if (scope.Stop is null)
                {
                    scope.Stop = await PostChunkAsync(context, chunkIndex, chunk, cancellationToken).ConfigureAwait(false);
                    if (scope.Stop is not null)
                    {
                        PipelineLog.RunStopped(services.Logger, batchId, scope.Stop.Reason);
                    }
                }
                else
                {
                    scope.Stop.FinishAll(chunk);
                }

                await services.SaveEntriesAsync(chunk, batchId, cancellationToken).ConfigureAwait(false);

                // The work of a marked invoice is complete: its intent goes only now, after its entry says the mark is
                // there, so the ledger always shows who wrote a mark (delete-batch clears only marks its batch owns).
                await services.Ledger.DeleteIntentsAsync(services.Connection, chunk.Where(i => i.PsaMarked).Select(i => i.Invoice.Id).ToList(), cancellationToken).ConfigureAwait(false);
                foreach (var item in chunk)
                {
                    scope.Report(++done, read, item.Invoice.Number);
                }
            }, cancellationToken).ConfigureAwait(false);
            chunksBefore += open.Count;

            // Only the small per-invoice result outlives its window.
            results.AddRange(items.Select(i => i.ToResult()));
        }

        return await scope.FinishAsync(SyncAction.PostToAccounting, results, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DESIGN §3 for one chunk: intent → customers → sink write → ledger ref → PSA mark → scheduler.</summary>
    private async Task<RunStop?> PostChunkAsync(PostContext context, int chunkIndex, WorkItem[] chunk, CancellationToken cancellationToken)
    {
        await steps.Record.SaveIntentsAsync(context, chunk, cancellationToken).ConfigureAwait(false);
        if (await steps.PrepareCustomers.SettleChunkAsync(context, chunkIndex, chunk, cancellationToken).ConfigureAwait(false) is { } customersStop)
        {
            return customersStop;
        }

        var ready = chunk.Where(i => i.IsOpen).ToList();
        if (ready.Count == 0)
        {
            return null;
        }

        var (writes, writeStop) = await steps.WriteChunk.RunAsync(context, chunkIndex, ready, cancellationToken).ConfigureAwait(false);
        if (writes is null)
        {
            return writeStop;
        }

        var recordedAt = await steps.Record.RecordWrittenAsync(context, ready, writes, cancellationToken).ConfigureAwait(false);
        var posted = ready.Where(i => i.IsOpen).ToList();
        if (posted.Count == 0)
        {
            return null;
        }

        if (await steps.MarkPsa.MarkPostedAsync(context, chunkIndex, posted, recordedAt, cancellationToken).ConfigureAwait(false) is { } markStop)
        {
            return markStop;
        }

        // The scheduler runs before the intents go (after the chunk's entries): a crash in between leaves the intents, and
        // recovery only repeats the (idempotent) mark, so no invoice of the chunk loses its payment schedule to the crash.
        await steps.SchedulePayments.RunAsync(posted.Where(i => i.PsaMarked).ToList(), cancellationToken).ConfigureAwait(false);
        return null;
    }
}
