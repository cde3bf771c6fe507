namespace WiseSync;

/// <summary>How PSA invoice lines become accounting lines. Map keys are PSA codes, compared case-insensitively.</summary>
public sealed class LineMappingOptions
{
    /// <summary>PSA item / billing code → accounting item code. Unmapped codes pass through (shortened when too long).</summary>
    public Dictionary<string, string> ItemCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The item code for lines without one. Default: none.</summary>
    public string? DefaultItemCode { get; set; }

    /// <summary>PSA GL code → accounting income account code. Unmapped codes pass through.</summary>
    public Dictionary<string, string> AccountCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The account code for lines without one. Default: none (the sink's default account).</summary>
    public string? DefaultAccountCode { get; set; }

    /// <summary>PSA tax code → accounting tax code. Unmapped codes pass through.</summary>
    public Dictionary<string, string> TaxCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tax code for lines without one. Default: none.</summary>
    public string? DefaultTaxCode { get; set; }

    /// <summary>Division / line of business → tracking option or class.</summary>
    public Dictionary<string, string> TrackingByDivision { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tracking option for invoices whose division is not mapped. Default: none.</summary>
    public string? DefaultTracking { get; set; }

    /// <summary>Leave non-billable lines out of the accounting invoice. Default: false.</summary>
    public bool ExcludeNonBillableLines { get; set; }

    /// <summary>The largest difference between the mapped lines plus tax and the PSA total that a rounding line may absorb. Default: 0.05.</summary>
    public decimal RoundingTolerance { get; set; } = 0.05m;

    /// <summary>The text of a rounding line. Default: "Rounding".</summary>
    public string RoundingDescription { get; set; } = "Rounding";

    /// <summary>The item code of a rounding line. Default: none.</summary>
    public string? RoundingItemCode { get; set; }

    /// <summary>The account code of a rounding line. Default: <see cref="DefaultAccountCode"/>.</summary>
    public string? RoundingAccountCode { get; set; }

    /// <summary>The tax code of a rounding line (usually a no-tax code). Default: none.</summary>
    public string? RoundingTaxCode { get; set; }
}
