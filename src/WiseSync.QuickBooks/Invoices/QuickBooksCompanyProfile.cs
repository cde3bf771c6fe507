using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>
/// What the sink needs to know about the company before it writes documents: its country (CompanyInfo.Country), its tax
/// settings (Preferences.TaxPrefs) and, for companies outside the US that use sales tax (VAT/GST), their tax codes, since
/// QBO refuses a line without TaxCodeRef there (error 6000).
/// </summary>
internal sealed record QuickBooksCompanyProfile(string? Country, bool? UsingSalesTax, bool? PartnerTaxEnabled, IReadOnlyList<QboTaxCode> TaxCodes)
{
    private static readonly HashSet<string> UnitedStatesNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "US", "USA", "U.S.", "U.S.A", "U.S.A.", "United States", "United States of America",
    };

    /// <summary>
    /// A US company (the tax model with TAX/NON line codes and automated sales tax). A company without a country is taken
    /// as US: the way the sink behaved before it read the country (README, unconfirmed list).
    /// </summary>
    public bool IsUnitedStates => string.IsNullOrWhiteSpace(Country) || UnitedStatesNames.Contains(Country.Trim());

    /// <summary>Every sales line needs a TaxCodeRef: a company outside the US that has sales tax (VAT/GST) set up.</summary>
    public bool NeedsTaxCodes => !IsUnitedStates && UsingSalesTax != false;

    /// <summary>The country for messages.</summary>
    public string CountryText => string.IsNullOrWhiteSpace(Country) ? "an unknown country" : Country.Trim();

    /// <summary>Reads CompanyInfo and Preferences, and the tax codes when the company needs them (three calls at most).</summary>
    public static async Task<QuickBooksCompanyProfile> ReadAsync(QuickBooksApiClient api, CancellationToken cancellationToken)
    {
        var info = await api.GetCompanyInfoAsync(cancellationToken).ConfigureAwait(false);
        var preferences = await api.GetPreferencesAsync(cancellationToken).ConfigureAwait(false);
        var profile = new QuickBooksCompanyProfile(info?.Country, preferences?.TaxPrefs?.UsingSalesTax, preferences?.TaxPrefs?.PartnerTaxEnabled, []);
        if (!profile.NeedsTaxCodes)
        {
            return profile;
        }

        var codes = await api.QueryAllAsync("TaxCode", [], q => q.TaxCode, cancellationToken).ConfigureAwait(false);
        return profile with { TaxCodes = codes.Where(c => !string.IsNullOrWhiteSpace(c.Id) && c.Active != false).ToList() };
    }
}
