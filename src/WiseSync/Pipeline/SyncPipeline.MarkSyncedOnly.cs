using WiseSync.Pipeline.Internal;

namespace WiseSync;

public sealed partial class SyncPipeline
{
    /// <summary>"Do not post": the PSA mark and a ledger entry in a batch of its own, nothing in accounting.</summary>
    private async Task<SyncReport> MarkSyncedOnlyAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _clock.GetCurrentInstant();
        var batchId = NewBatchId(started);
        var lease = await AcquireLeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _ledger.CreateBatchAsync(new LedgerBatch(batchId, Connection, SyncAction.MarkSyncedOnly, started), cancellationToken).ConfigureAwait(false);
            var (invoices, stop) = await ReadForRunAsync(batchId, request, cancellationToken).ConfigureAwait(false);
            PipelineLog.RunStarted(_logger, SyncAction.MarkSyncedOnly, Connection, batchId, invoices.Count);
            var items = invoices.Select(i => new WorkItem(i)).ToList();
            var mappings = await _ledger.GetInvoiceMappingsAsync(Connection, invoices.Select(i => i.Id).ToList(), cancellationToken).ConfigureAwait(false);
            var done = 0;
            var chunkIndex = 0;
            foreach (var chunk in items.Chunk(Sizes.PsaWrite))
            {
                chunkIndex++;
                if (stop is null)
                {
                    stop = await MarkChunkAsync(batchId, chunkIndex, chunk, mappings, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    foreach (var item in chunk)
                    {
                        item.Finish(stop.Status, stop.ItemMessage);
                    }
                }

                await SaveEntriesAsync(chunk, batchId, cancellationToken).ConfigureAwait(false);
                foreach (var item in chunk)
                {
                    Report(progress, ++done, items.Count, item.Invoice.Number);
                }

                lease = await _ledger.RenewLeaseAsync(lease, LeaseDuration, cancellationToken).ConfigureAwait(false);
            }

            return await FinishAsync(batchId, SyncAction.MarkSyncedOnly, started, items.Select(i => i.ToResult()).ToList(), stop?.Reason, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
    }

    private async Task<RunStop?> MarkChunkAsync(string batchId, int chunkIndex, WorkItem[] chunk, IReadOnlyDictionary<string, InvoiceMapping> mappings, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        IReadOnlyList<PsaWriteResult> results;
        try
        {
            results = await _psa.MarkSyncedAsync(
                BatchKeys.For(batchId, "m", chunkIndex, _psa.Capabilities),
                chunk.Select(i => new PsaSyncMark(i.Invoice.Id, now, mappings.GetValueOrDefault(i.Invoice.Id)?.AccountingInvoiceId)).ToList(),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            PipelineLog.ChunkFailed(_logger, ex, chunkIndex, batchId, "PSA mark");
            var stop = RunStop.For(ex, now);
            foreach (var item in chunk)
            {
                item.Finish(stop?.Status ?? SyncStatus.Error, stop?.ItemMessage ?? $"{_psa.Name}: {ex.Message}");
            }

            return stop;
        }

        var byInvoice = new Dictionary<string, PsaWriteResult>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            byInvoice.TryAdd(result.InvoiceId, result);
        }

        foreach (var item in chunk)
        {
            var error = byInvoice.TryGetValue(item.Invoice.Id, out var result) ? result.Error : $"{_psa.Name} returned no result";
            if (error is null)
            {
                item.PsaMarked = true;
            }
            else
            {
                item.Fail($"{_psa.Name}: {error}");
            }
        }

        return null;
    }
}
