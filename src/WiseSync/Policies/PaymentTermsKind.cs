namespace WiseSync;

/// <summary>How a terms rule turns an invoice date into a due date.</summary>
public enum PaymentTermsKind
{
    /// <summary>Due <see cref="PaymentTermsRule.Days"/> days after the invoice date.</summary>
    Net,

    /// <summary>Due <see cref="PaymentTermsRule.Days"/> days after the end of the invoice's month.</summary>
    DaysAfterEndOfMonth,
}
