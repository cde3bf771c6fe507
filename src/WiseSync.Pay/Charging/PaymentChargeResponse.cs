namespace WiseSync.Pay;

/// <summary>The gateway's answer.</summary>
/// <param name="Approved">Whether the money was taken.</param>
/// <param name="Code">The gateway's approval or decline code.</param>
/// <param name="Reference">The gateway's transaction reference, when approved.</param>
/// <param name="Message">The gateway's human message.</param>
public sealed record PaymentChargeResponse(bool Approved, string Code, string? Reference = null, string? Message = null);
