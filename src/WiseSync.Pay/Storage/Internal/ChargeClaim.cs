namespace WiseSync.Pay.Internal;

/// <summary>A payment this processor claimed for one charge attempt.</summary>
internal sealed record ChargeClaim(ScheduledPayment Payment, string IdempotencyKey, int Attempt);
