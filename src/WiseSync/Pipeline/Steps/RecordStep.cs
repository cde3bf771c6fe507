using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Steps;

/// <summary>
/// The ledger's part of DESIGN §3: each invoice's intent before any vendor call (step 1), and the accounting ref the sink
/// returned before the PSA is touched (step 4), each chunk in one ledger transaction.
/// </summary>
internal sealed class RecordStep(PipelineServices services)
{
    /// <summary>The chunk's pending intents, durable before any vendor call.</summary>
    public Task SaveIntentsAsync(PostContext context, WorkItem[] chunk, CancellationToken cancellationToken)
    {
        var now = services.Now;
        return services.Ledger.SaveIntentsAsync(
            chunk.Select(item => new SyncIntent(services.Connection, item.Invoice.Id, context.BatchId, item.DocumentNumber, item.Invoice.DocumentKind, item.IdempotencyKey, item.PayloadHash, IntentState.Pending, now)
            {
                PsaNumber = item.Invoice.Number,
                AccountingInvoiceId = item.Mapping?.AccountingInvoiceId,
                IsUpdate = item.Mapping is not null,
            }).ToList(),
            cancellationToken);
    }

    /// <summary>
    /// Records the sink's answer per invoice: a written one gets its mapping and a written intent, a rejected one is red and
    /// its intent goes; one without an answer keeps its intent (the write may have landed; the next run's recovery looks).
    /// </summary>
    /// <returns>The moment recorded, which the PSA mark carries.</returns>
    public async Task<Instant> RecordWrittenAsync(PostContext context, List<WorkItem> ready, IReadOnlyList<AccountingWriteResult> writes, CancellationToken cancellationToken)
    {
        var byInvoice = new Dictionary<string, AccountingWriteResult>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            byInvoice.TryAdd(write.PsaInvoiceId, write);
        }

        var now = services.Now;
        var mappings = new List<InvoiceMapping>();
        var writtenIntents = new List<SyncIntent>();
        var rejected = new List<string>();
        foreach (var item in ready)
        {
            if (!byInvoice.TryGetValue(item.Invoice.Id, out var write))
            {
                item.Fail($"{services.Sink.Name} returned no result for this invoice.");
                continue;
            }

            item.Messages.AddRange(write.Warnings);
            if (!write.Succeeded)
            {
                item.Fail($"{services.Sink.Name}: {write.Error ?? "no invoice returned"}");
                rejected.Add(item.Invoice.Id);
                continue;
            }

            var written = write.Invoice!;
            item.AccountingInvoice = written;
            mappings.Add(new InvoiceMapping(services.Connection, item.Invoice.Id, item.Invoice.Number, written.Id, written.Number, item.Invoice.DocumentKind, now)
            {
                AccountingCustomerId = item.CustomerId,
                Total = item.Invoice.Total,
                PaidDate = item.Mapping?.PaidDate,
            });
            writtenIntents.Add(new SyncIntent(services.Connection, item.Invoice.Id, context.BatchId, written.Number, item.Invoice.DocumentKind, item.IdempotencyKey, item.PayloadHash, IntentState.Written, now)
            {
                PsaNumber = item.Invoice.Number,
                AccountingInvoiceId = written.Id,
                IsUpdate = item.Mapping is not null,
            });
        }

        // The chunk's refs in one ledger transaction, all recorded before the PSA is touched.
        await services.Ledger.SaveWrittenAsync(mappings, writtenIntents, cancellationToken).ConfigureAwait(false);
        await services.Ledger.DeleteIntentsAsync(services.Connection, rejected, cancellationToken).ConfigureAwait(false);
        return now;
    }
}
