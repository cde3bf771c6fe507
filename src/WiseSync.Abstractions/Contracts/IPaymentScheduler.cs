using NodaTime;

namespace WiseSync;

/// <summary>Schedules synced invoices for automatic payment.</summary>
public interface IPaymentScheduler
{
    /// <summary>Schedules (or re-schedules) an invoice and says why when it does not.</summary>
    Task<PaymentScheduleResult> ScheduleAsync(PaymentScheduleRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels the scheduled payment of an invoice, if any.</summary>
    Task CancelAsync(string psaInvoiceId, CancellationToken cancellationToken = default);

    /// <summary>Marks an invoice settled: it is no longer outstanding.</summary>
    Task SettleAsync(string psaInvoiceId, LocalDate paidDate, CancellationToken cancellationToken = default);
}

/// <summary>An invoice to schedule.</summary>
/// <param name="Invoice">The PSA invoice.</param>
/// <param name="DueDate">The due date the engine computed.</param>
/// <param name="AccountingInvoice">The accounting invoice it was posted as, if any.</param>
/// <param name="AccountingCustomerId">The accounting customer id, if any.</param>
public sealed record PaymentScheduleRequest(PsaInvoice Invoice, LocalDate? DueDate, AccountingInvoiceRef? AccountingInvoice, string? AccountingCustomerId);

/// <summary>What the scheduler did with one invoice.</summary>
/// <param name="Status">Queued, or why not.</param>
/// <param name="Message">A human sentence.</param>
public sealed record PaymentScheduleResult(PaymentQueueStatus Status, string Message)
{
    /// <summary>When the payment will be charged, when queued.</summary>
    public LocalDate? ScheduledDate { get; init; }

    /// <summary>The masked payment method, when queued.</summary>
    public string? Method { get; init; }
}
