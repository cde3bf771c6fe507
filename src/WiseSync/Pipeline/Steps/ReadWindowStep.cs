using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Steps;

/// <summary>
/// Before the chunk steps of DESIGN §3: the run's invoices from the PSA, whole or window by window. A long-window limit or failed
/// authentication ends the run (a partly read window is dropped, as a run that fails on its first page reports nothing);
/// anything else is rethrown after the batch is closed.
/// </summary>
internal sealed class ReadWindowStep(PipelineServices services)
{
    /// <summary>Every invoice of the request, with no batch to close (a dry run, the pending list).</summary>
    public async Task<List<PsaInvoice>> ReadAllAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var invoices = new List<PsaInvoice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var invoice in services.Psa.GetInvoicesAsync(request.ToQuery(), cancellationToken).ConfigureAwait(false))
        {
            if (IsInRun(invoice, request, seen))
            {
                invoices.Add(invoice);
            }
        }

        return invoices;
    }

    /// <summary>Every invoice of the request for a run of its own batch.</summary>
    public async Task<(List<PsaInvoice> Invoices, RunStop? Stop)> ReadRunAsync(string batchId, SyncRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadAllAsync(request, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            var stop = await StopOrCloseAsync(ex, batchId, []).ConfigureAwait(false);
            if (stop is null)
            {
                throw;
            }

            return ([], stop);
        }
    }

    /// <summary>The next window of at most <paramref name="size"/> invoices; End when the PSA has no more.</summary>
    public async Task<(List<PsaInvoice> Invoices, bool End, RunStop? Stop)> ReadNextAsync(
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
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            var stop = await StopOrCloseAsync(ex, batchId, resultsSoFar).ConfigureAwait(false);
            if (stop is null)
            {
                throw;
            }

            return ([], true, stop);
        }
    }

    /// <summary>The stop for a read that ends the run; otherwise the batch is closed with the PSA's message and null returned (the caller rethrows).</summary>
    private async Task<RunStop?> StopOrCloseAsync(Exception ex, string batchId, IReadOnlyList<InvoiceSyncResult> resultsSoFar)
    {
        var stop = RunStop.For(ex, services.Now);
        if (stop is null)
        {
            await services.Ledger.FinishBatchAsync(batchId, services.Now, SyncTotals.From(resultsSoFar), $"{services.Psa.Name}: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
        }

        return stop;
    }

    /// <summary>Guards against a source that ignores part of the query, and against pages that repeat an invoice.</summary>
    private static bool IsInRun(PsaInvoice invoice, SyncRequest request, HashSet<string> seen)
    {
        if (!request.IncludeAlreadySynced && invoice.SyncedMark is not null)
        {
            return false;
        }

        if (request.InvoiceIds is { Count: > 0 } ids && !ids.Contains(invoice.Id))
        {
            return false;
        }

        return seen.Add(invoice.Id);
    }
}
