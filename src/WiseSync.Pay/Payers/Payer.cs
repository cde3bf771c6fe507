namespace WiseSync.Pay;

/// <summary>
/// Someone who pays a PSA company's invoices automatically: the company it pays for, its methods and the
/// billing terms it pays automatically. Saved whole with <see cref="WisePayStore.SavePayerAsync"/>.
/// </summary>
/// <param name="Id">Your id for the payer (unique).</param>
/// <param name="PsaCompanyId">The PSA company whose invoices it pays (one payer per company).</param>
public sealed record Payer(string Id, string PsaCompanyId)
{
    /// <summary>A display name.</summary>
    public string? Name { get; init; }

    /// <summary>The accounting customer id, when known; also used to find the payer.</summary>
    public string? AccountingCustomerId { get; init; }

    /// <summary>Whether invoices are scheduled for this payer. Default true.</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>The method charged by default.</summary>
    public PaymentMethod? Primary { get; init; }

    /// <summary>The fallback method.</summary>
    public PaymentMethod? Secondary { get; init; }

    /// <summary>The billing terms paid automatically, and when.</summary>
    public IReadOnlyList<AutoPayTerms> AutoPayTerms { get; init; } = [];

    /// <summary>The method a charge uses: the primary, else the secondary.</summary>
    public (PaymentMethodRole Role, PaymentMethod Method)? DefaultMethod =>
        Primary is { } p ? (PaymentMethodRole.Primary, p) : Secondary is { } s ? (PaymentMethodRole.Secondary, s) : null;
}
