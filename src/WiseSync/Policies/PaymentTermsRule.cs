namespace WiseSync;

/// <summary>One entry of the terms cross-reference: how a PSA terms name becomes a due date.</summary>
public sealed class PaymentTermsRule
{
    /// <summary>Net days, or days after the end of the month.</summary>
    public PaymentTermsKind Kind { get; set; } = PaymentTermsKind.Net;

    /// <summary>The number of days (zero or more).</summary>
    public int Days { get; set; }
}
