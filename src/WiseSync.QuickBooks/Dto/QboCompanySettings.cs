namespace WiseSync.QuickBooks.Dto;

/// <summary>The company's name and country (CompanyInfo; <c>Country</c> is an ISO code such as <c>US</c>, <c>GB</c>, <c>AU</c>, <c>CA</c>).</summary>
internal sealed record QboCompanyInfo(string? CompanyName, string? Country, string? LegalName);

/// <summary>The company preferences the sink reads (Finance.xsd Preferences): only the tax settings.</summary>
internal sealed record QboPreferences(QboTaxPrefs? TaxPrefs);

/// <summary>
/// Preferences.TaxPrefs: <c>UsingSalesTax</c> (tax set up), <c>PartnerTaxEnabled</c> (US automated sales tax; absent when the
/// company is not on AST, reference Part 2.8).
/// </summary>
internal sealed record QboTaxPrefs(bool? UsingSalesTax, bool? PartnerTaxEnabled, QboRef? TaxGroupCodeRef);

/// <summary>A TaxCode (Finance.xsd): what a sales line's TaxCodeRef points at.</summary>
internal sealed record QboTaxCode
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    public bool? Taxable { get; init; }

    public bool? TaxGroup { get; init; }

    public bool? Hidden { get; init; }
}
