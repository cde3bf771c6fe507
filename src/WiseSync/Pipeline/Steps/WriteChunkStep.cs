using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Steps;

/// <summary>Step 3 of DESIGN §3: one create-or-update call for the chunk; a mapped invoice carries its accounting id and is updated.</summary>
internal sealed class WriteChunkStep(PipelineServices services)
{
    /// <summary>The sink's answers, or null when the call failed (the chunk's invoices are then finished, and a stop may end the run).</summary>
    public async Task<(IReadOnlyList<AccountingWriteResult>? Writes, RunStop? Stop)> RunAsync(PostContext context, int chunkIndex, List<WorkItem> ready, CancellationToken cancellationToken)
    {
        try
        {
            return (await services.Sink.UpsertInvoicesAsync(ready.Select(BuildDraft).ToList(), cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            // The intents stay: the write may have landed before the failure; the next run's recovery looks.
            PipelineLog.ChunkFailed(services.Logger, ex, chunkIndex, context.BatchId, "invoice write");
            var stop = RunStop.For(ex, services.Now);
            foreach (var item in ready)
            {
                item.Finish(stop?.Status ?? SyncStatus.Error, stop?.ItemMessage ?? $"{services.Sink.Name}: {ex.Message}");
            }

            return (null, stop);
        }
    }

    private static AccountingInvoiceDraft BuildDraft(WorkItem item)
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
}
