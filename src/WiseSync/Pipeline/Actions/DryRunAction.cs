using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Actions;

/// <summary>
/// Everything up to the writes, and nothing written anywhere: no lease, no ledger row, no vendor call that changes
/// state (customers are only looked up). Each result's <see cref="InvoiceSyncResult.Plan"/> says what a post would do.
/// </summary>
internal sealed class DryRunAction(PipelineServices services, PostSteps steps)
{
    public async Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var started = services.Now;
        var batchId = "dry-run-" + LeasedRun.NewBatchId(started);
        var invoices = await steps.Read.ReadAllAsync(request, cancellationToken).ConfigureAwait(false);
        var items = invoices.Select(i => new WorkItem(i)).ToList();
        if (request.Action != SyncAction.PostToAccounting)
        {
            // Marks and paid dates have nothing to plan beyond the list itself.
            foreach (var item in items)
            {
                item.Messages.Add(request.Action == SyncAction.MarkSyncedOnly ? "Would be marked synced without posting." : "Would be checked for payment.");
            }

            return new SyncReport(batchId, request.Action, services.Connection, started, services.Now, items.Select(i => i.ToResult()).ToList()) { DryRun = true };
        }

        var failures = await PsaWriteFailures.LoadAsync(services.Ledger, services.Connection, services.Options.OrphanAfterFailedRuns, cancellationToken).ConfigureAwait(false);
        var context = new PostContext(batchId, dryRun: true, failures);
        var stop = await steps.PrepareInvoices.RunAsync(items, context, persist: false, cancellationToken).ConfigureAwait(false);
        if (stop is null)
        {
            try
            {
                await steps.PrepareCustomers.ResolveAsync(context, items, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
            {
                stop = RunStop.For(ex, services.Now);
                foreach (var company in items.Where(i => i.IsOpen).Select(i => i.Invoice.Company.Id).Where(c => !context.Customers.ContainsKey(c)))
                {
                    context.Customers[company] = CustomerOutcome.Failed($"{services.Sink.Name}: customer lookup failed ({ex.Message}).");
                }
            }
        }

        var done = 0;
        foreach (var item in items)
        {
            if (stop is not null && item.IsOpen)
            {
                item.Finish(stop.Status, stop.ItemMessage);
            }

            if (item.IsOpen && context.Customers.TryGetValue(item.Invoice.Company.Id, out var outcome))
            {
                Plan(item, outcome, context);
            }

            progress?.Report(new SyncProgress(++done, items.Count, item.Invoice.Number));
        }

        return new SyncReport(batchId, SyncAction.PostToAccounting, services.Connection, started, services.Now, items.Select(i => i.ToResult()).ToList())
        {
            DryRun = true,
            StoppedReason = stop?.Reason,
        };
    }

    private static void Plan(WorkItem item, CustomerOutcome outcome, PostContext context)
    {
        if (outcome.Error is not null)
        {
            item.Fail(outcome.Error);
        }
        else if (outcome.SkipReason is not null)
        {
            item.Finish(SyncStatus.Warning, $"Would not be posted: {outcome.SkipReason}");
        }
        else
        {
            item.Messages.AddRange(outcome.Warnings);
            item.Plan = new DryRunPlan(
                WouldCreate: item.Mapping is null,
                CustomerName: outcome.Customer!.Name,
                CustomerWouldBeCreated: outcome.WouldCreate,
                Contacts: context.Selections.GetValueOrDefault(item.Invoice.Company.Id) ?? ContactSelection.Unchanged,
                Lines: item.Lines!.Lines);
        }
    }
}
