namespace WiseSync.Pay;

/// <summary>One invoice's automatic payment (there is never more than one per invoice).</summary>
/// <param name="Id">The payment id.</param>
/// <param name="PsaInvoiceId">The PSA invoice id.</param>
/// <param name="InvoiceNumber">The invoice number.</param>
/// <param name="PayerId">The payer charged.</param>
/// <param name="MethodRole">Which of the payer's methods is charged.</param>
/// <param name="MethodDisplay">The masked method, e.g. <c>Visa **** 4242</c>.</param>
/// <param name="Amount">The amount to charge.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
/// <param name="ScheduledDate">The day it is charged (on or after).</param>
/// <param name="Status">Where it is.</param>
public sealed record ScheduledPayment(
    string Id,
    string PsaInvoiceId,
    string InvoiceNumber,
    string PayerId,
    PaymentMethodRole MethodRole,
    string MethodDisplay,
    decimal Amount,
    string Currency,
    LocalDate ScheduledDate,
    ScheduledPaymentStatus Status)
{
    /// <summary>The invoice's due date used for the overdue limit.</summary>
    public LocalDate? DueDate { get; init; }

    /// <summary>Charge attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The gateway's code of the last attempt (approval or decline code).</summary>
    public string? GatewayCode { get; init; }

    /// <summary>The gateway's reference of the approved charge.</summary>
    public string? GatewayReference { get; init; }

    /// <summary>The last human note (decline reason, why cancelled).</summary>
    public string? Message { get; init; }

    /// <summary>The paid date, when settled.</summary>
    public LocalDate? SettledDate { get; init; }

    /// <summary>When the row last changed.</summary>
    public Instant UpdatedAt { get; init; }
}
