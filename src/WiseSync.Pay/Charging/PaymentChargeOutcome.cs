namespace WiseSync.Pay;

/// <summary>One due payment's outcome in a run.</summary>
/// <param name="PaymentId">The payment.</param>
/// <param name="PsaInvoiceId">The PSA invoice.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Message">A human sentence.</param>
public sealed record PaymentChargeOutcome(string PaymentId, string PsaInvoiceId, PaymentChargeOutcomeKind Outcome, string Message)
{
    /// <summary>The gateway's code, when it answered.</summary>
    public string? GatewayCode { get; init; }

    /// <summary>The idempotency key sent, when a charge was attempted.</summary>
    public string? IdempotencyKey { get; init; }
}
