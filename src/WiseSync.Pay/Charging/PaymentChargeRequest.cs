namespace WiseSync.Pay;

/// <summary>A charge Wise-Pay asks the gateway for.</summary>
/// <param name="IdempotencyKey">One key per payment attempt, re-sent unchanged when the attempt is repeated.</param>
/// <param name="PaymentId">The scheduled payment.</param>
/// <param name="PsaInvoiceId">The PSA invoice it pays.</param>
/// <param name="InvoiceNumber">The invoice number, for the processor's description.</param>
/// <param name="PayerId">The payer; the processor holds the real instrument under it.</param>
/// <param name="MethodRole">Which of the payer's methods to charge.</param>
/// <param name="MethodDisplay">The masked method.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
public sealed record PaymentChargeRequest(
    string IdempotencyKey,
    string PaymentId,
    string PsaInvoiceId,
    string InvoiceNumber,
    string PayerId,
    PaymentMethodRole MethodRole,
    string MethodDisplay,
    decimal Amount,
    string Currency);
