using WiseSync.Pipeline.Internal;

namespace WiseSync.Pipeline.Steps;

/// <summary>Step 6 of DESIGN §3: each marked invoice queued for automatic payment, or the reason it is not.</summary>
internal sealed class SchedulePaymentsStep(PipelineServices services)
{
    public async Task RunAsync(IEnumerable<WorkItem> marked, CancellationToken cancellationToken)
    {
        foreach (var item in marked)
        {
            await ScheduleAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ScheduleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (services.Scheduler is null)
        {
            item.Payment = PaymentQueueStatus.Disabled;
            item.PaymentMessage = "no payment scheduler configured";
            return;
        }

        try
        {
            var result = await services.Scheduler.ScheduleAsync(
                new PaymentScheduleRequest(item.Invoice, item.Due?.DueDate, item.AccountingInvoice, item.CustomerId),
                cancellationToken).ConfigureAwait(false);
            item.Payment = result.Status;
            item.PaymentMessage = result.Message;
        }
        catch (Exception ex) when (RunFaults.IsFailure(ex, cancellationToken))
        {
            item.Payment = PaymentQueueStatus.Disabled;
            item.PaymentMessage = $"Payment not scheduled: {ex.Message}";
            item.Messages.Add(item.PaymentMessage);
        }
    }
}
