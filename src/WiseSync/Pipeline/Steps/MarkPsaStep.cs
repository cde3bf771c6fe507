using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Steps;

/// <summary>Step 5 of DESIGN §3: the PSA's synced mark, one call per chunk under the chunk's deterministic batch key.</summary>
internal sealed class MarkPsaStep(PipelineServices services)
{
    /// <summary>Marks the invoices synced; the PSA's answer per invoice. Kinds: "p" post, "m" mark only, "r" recovery.</summary>
    public async Task<PsaAnswers> MarkAsync(string batchId, string kind, int chunkIndex, IReadOnlyList<PsaSyncMark> marks, CancellationToken cancellationToken)
    {
        var results = await services.Psa.MarkSyncedAsync(BatchKeys.For(batchId, kind, chunkIndex, services.Psa.Capabilities), marks, cancellationToken).ConfigureAwait(false);
        return new PsaAnswers(results, services.Psa.Name);
    }

    /// <summary>
    /// Marks the posted invoices of a chunk. A mark the PSA refuses is counted, and after too many runs the invoice is an
    /// orphan whose intent goes (it is not retried); a failed call leaves the intents for the next run.
    /// </summary>
    public async Task<RunStop?> MarkPostedAsync(PostContext context, int chunkIndex, List<WorkItem> posted, Instant now, CancellationToken cancellationToken)
    {
        PsaAnswers answers;
        try
        {
            answers = await MarkAsync(context.BatchId, "p", chunkIndex, posted.Select(i => new PsaSyncMark(i.Invoice.Id, now, i.AccountingInvoice!.Id)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(services.Logger, ex, chunkIndex, context.BatchId, "PSA mark");
            var stop = RunStop.For(ex, services.Now);
            foreach (var item in posted)
            {
                item.Finish(stop?.Status ?? SyncStatus.Error, NotMarkedMessage(item, ex.Message));
            }

            return stop;
        }

        foreach (var item in posted)
        {
            var error = answers.ErrorOf(item.Invoice.Id);
            if (error is null)
            {
                item.PsaMarked = true;
                continue;
            }

            var failure = await context.Failures!.RecordAsync(PsaWriteKind.SyncedMark, item.Invoice.Id, item.Invoice.Number, item.AccountingInvoice!.Id,
                item.AccountingInvoice.Number, error, services.Now, cancellationToken).ConfigureAwait(false);
            item.Fail(context.Failures.Describe(failure, services.Psa.Name, services.Sink.Name));
            if (failure.IsOrphan)
            {
                await services.Ledger.DeleteIntentAsync(services.Connection, item.Invoice.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        await context.Failures!.SucceededAsync(PsaWriteKind.SyncedMark, posted.Where(i => i.PsaMarked).Select(i => i.Invoice.Id).ToList(), cancellationToken).ConfigureAwait(false);
        return null;
    }

    private string NotMarkedMessage(WorkItem item, string reason) =>
        $"Posted to {services.Sink.Name} as {item.AccountingInvoice!.Number}, but the {services.Psa.Name} synced mark was not written ({reason}); the next run tries again.";
}
