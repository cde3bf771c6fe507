using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace WiseSync.Xero;

/// <summary>
/// Settings of one Xero connection. Defaults are Xero's production addresses and published limits
/// (reference/accounting-apis.md §1.1, §1.2). <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class XeroOptions
{
    /// <summary>The Xero app's client id.</summary>
    [Required(ErrorMessage = "Xero:ClientId is required.")]
    public string? ClientId { get; set; }

    /// <summary>The Xero app's client secret (secret).</summary>
    [Required(ErrorMessage = "Xero:ClientSecret is required.")]
    public string? ClientSecret { get; set; }

    /// <summary>The refresh token of the first authorisation, used while the token store holds none (secret).</summary>
    public string? RefreshToken { get; set; }

    /// <summary>True for a custom connection (client-credentials grant, one organisation, no refresh token).</summary>
    public bool UseClientCredentials { get; set; }

    /// <summary>The organisation (xero-tenant-id); when empty it is picked from <c>/connections</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>With several connections and no <see cref="TenantId"/>, the organisation with this name is used.</summary>
    public string? TenantName { get; set; }

    /// <summary>Classic scopes (<c>accounting.transactions</c>) or the granular scopes required for apps created from March 2026.</summary>
    public XeroScopeSet ScopeSet { get; set; } = XeroScopeSet.Granular;

    /// <summary>Space-separated scopes to ask for instead of those of <see cref="ScopeSet"/>.</summary>
    public string? Scopes { get; set; }

    /// <summary>The status new invoices and credit notes get.</summary>
    public XeroInvoiceStatus InvoiceStatus { get; set; } = XeroInvoiceStatus.Authorised;

    /// <summary>The sales account code for lines that bring none.</summary>
    [Required(ErrorMessage = "Xero:DefaultAccountCode is required (the sales account for lines without one).")]
    public string DefaultAccountCode { get; set; } = "200";

    /// <summary>The tax type for lines that bring none; null leaves it to the account's default.</summary>
    public string? DefaultTaxType { get; set; }

    /// <summary>The tracking category that receives the PSA division (e.g. "Division"); null sends no tracking.</summary>
    [StringLength(100, ErrorMessage = "Xero:DivisionTrackingCategory must be at most 100 characters (schemas.LineItemTracking.Name).")]
    public string? DivisionTrackingCategory { get; set; }

    /// <summary>The organisation's pricing tier, which sets the daily call limit.</summary>
    public XeroPlanTier PlanTier { get; set; } = XeroPlanTier.Standard;

    /// <summary>Xero's API host; the Accounting API is under <c>api.xro/2.0/</c> and connections under <c>connections</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.xero.com/");

    /// <summary>Xero's identity host; the token endpoint is <c>connect/token</c> under it.</summary>
    public Uri IdentityBaseUrl { get; set; } = new("https://identity.xero.com/");

    /// <summary>Divides Xero's time windows; 1 against Xero, a sandbox's <c>timeScale</c> against a sandbox.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "Xero:TimeScale must be a positive number.")]
    public double TimeScale { get; set; } = 1;

    /// <summary>How long the organisation's short code and lock dates are kept before they are read again.</summary>
    public TimeSpan OrganisationCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The settings without secrets.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"XeroOptions {{ ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "none" : "***")}, RefreshToken = {(RefreshToken is null ? "none" : "***")}, UseClientCredentials = {UseClientCredentials}, TenantId = {TenantId}, TenantName = {TenantName}, ScopeSet = {ScopeSet}, InvoiceStatus = {InvoiceStatus}, DefaultAccountCode = {DefaultAccountCode}, DefaultTaxType = {DefaultTaxType}, DivisionTrackingCategory = {DivisionTrackingCategory}, PlanTier = {PlanTier}, ApiBaseUrl = {ApiBaseUrl}, IdentityBaseUrl = {IdentityBaseUrl}, TimeScale = {TimeScale} }}");
}
