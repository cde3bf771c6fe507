using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>Records what the engine asks of a payment scheduler and answers with <see cref="Answer"/>.</summary>
public sealed class FakePaymentScheduler : IPaymentScheduler
{
    public List<PaymentScheduleRequest> Scheduled { get; } = [];

    public List<string> Cancelled { get; } = [];

    public List<(string InvoiceId, LocalDate PaidDate)> Settled { get; } = [];

    public PaymentScheduleResult Answer { get; set; } = new(PaymentQueueStatus.Queued, "Queued for card ending 4242");

    public Task<PaymentScheduleResult> ScheduleAsync(PaymentScheduleRequest request, CancellationToken cancellationToken = default)
    {
        Scheduled.Add(request);
        return Task.FromResult(Answer);
    }

    public Task CancelAsync(string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        Cancelled.Add(psaInvoiceId);
        return Task.CompletedTask;
    }

    public Task SettleAsync(string psaInvoiceId, LocalDate paidDate, CancellationToken cancellationToken = default)
    {
        Settled.Add((psaInvoiceId, paidDate));
        return Task.CompletedTask;
    }
}
