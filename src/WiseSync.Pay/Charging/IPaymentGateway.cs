namespace WiseSync.Pay;

/// <summary>
/// Charges a payer's method through a payment processor. Implementations must honour
/// <see cref="PaymentChargeRequest.IdempotencyKey"/>: a second request with the same key returns the first
/// answer and never charges again (Wise-Pay re-sends the same key after a crash).
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Charges one payment; a decline is an answer, not an exception.</summary>
    Task<PaymentChargeResponse> ChargeAsync(PaymentChargeRequest request, CancellationToken cancellationToken = default);
}
