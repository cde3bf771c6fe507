using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Actions;

/// <summary>"Do not post": the PSA mark and a ledger entry in a batch of its own, nothing in accounting.</summary>
internal sealed class MarkSyncedOnlyAction(PipelineServices services, PostSteps steps)
{
    public Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken) =>
        LeasedRun.RunAsync(services, SyncAction.MarkSyncedOnly, progress, scope => MarkAsync(scope, request, cancellationToken), cancellationToken);

    private async Task<SyncReport> MarkAsync(RunScope scope, SyncRequest request, CancellationToken cancellationToken)
    {
        var (invoices, stop) = await steps.Read.ReadRunAsync(scope.BatchId, request, cancellationToken).ConfigureAwait(false);
        scope.Stop = stop;
        PipelineLog.RunStarted(services.Logger, SyncAction.MarkSyncedOnly, services.Connection, scope.BatchId, invoices.Count);
        var items = invoices.Select(i => new WorkItem(i)).ToList();
        var mappings = await services.Ledger.GetInvoiceMappingsAsync(services.Connection, invoices.Select(i => i.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var done = 0;
        await scope.ForEachChunkAsync(items.Chunk(services.Sizes.PsaWrite), async (chunk, chunkIndex) =>
        {
            if (scope.Stop is null)
            {
                scope.Stop = await MarkChunkAsync(scope.BatchId, chunkIndex, chunk, mappings, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                scope.Stop.FinishAll(chunk);
            }

            await services.SaveEntriesAsync(chunk, scope.BatchId, cancellationToken).ConfigureAwait(false);
            foreach (var item in chunk)
            {
                scope.Report(++done, items.Count, item.Invoice.Number);
            }
        }, cancellationToken).ConfigureAwait(false);

        return await scope.FinishAsync(SyncAction.MarkSyncedOnly, items.Select(i => i.ToResult()).ToList(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunStop?> MarkChunkAsync(string batchId, int chunkIndex, WorkItem[] chunk, IReadOnlyDictionary<string, InvoiceMapping> mappings, CancellationToken cancellationToken)
    {
        var now = services.Now;
        PsaAnswers answers;
        try
        {
            answers = await steps.MarkPsa.MarkAsync(
                batchId,
                "m",
                chunkIndex,
                chunk.Select(i => new PsaSyncMark(i.Invoice.Id, now, mappings.GetValueOrDefault(i.Invoice.Id)?.AccountingInvoiceId)).ToList(),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(services.Logger, ex, chunkIndex, batchId, "PSA mark");
            var stop = RunStop.For(ex, now);
            foreach (var item in chunk)
            {
                item.Finish(stop?.Status ?? SyncStatus.Error, stop?.ItemMessage ?? $"{services.Psa.Name}: {ex.Message}");
            }

            return stop;
        }

        foreach (var item in chunk)
        {
            if (answers.ErrorOf(item.Invoice.Id) is { } error)
            {
                item.Fail($"{services.Psa.Name}: {error}");
            }
            else
            {
                item.PsaMarked = true;
            }
        }

        return null;
    }
}
