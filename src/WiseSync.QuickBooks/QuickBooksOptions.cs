using System.ComponentModel.DataAnnotations;

namespace WiseSync.QuickBooks;

/// <summary>Settings of one QuickBooks Online connection. <see cref="ToString"/> never shows a secret.</summary>
public sealed class QuickBooksOptions
{
    /// <summary>The lowest minor version QBO still honours (older ones are treated as 75 since 1 Aug 2025).</summary>
    public const int MinimumMinorVersion = 75;

    /// <summary>The OAuth2 client id of the Intuit app.</summary>
    [Required(ErrorMessage = "ClientId is required.")]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The OAuth2 client secret of the Intuit app (secret).</summary>
    [Required(ErrorMessage = "ClientSecret is required.")]
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>
    /// The refresh token from the consent flow, used only when the token store holds none yet (secret).
    /// QBO rotates refresh tokens; the rotated ones live in the token store.
    /// </summary>
    public string? RefreshToken { get; set; }

    /// <summary>The company id (realmId) returned on the OAuth redirect.</summary>
    [Required(ErrorMessage = "RealmId is required (the company id, digits only).")]
    public string RealmId { get; set; } = string.Empty;

    /// <summary>
    /// Production (the default) or Intuit's developer sandbox; chooses the default API and web-app hosts. A connection whose
    /// settings do not name it talks to live companies: only an app's development keys belong on <see cref="QuickBooksEnvironment.Sandbox"/>.
    /// </summary>
    public QuickBooksEnvironment Environment { get; set; } = QuickBooksEnvironment.Production;

    /// <summary>Overrides the API host (e.g. a WiseSync sandbox: <c>http://127.0.0.1:5599/quickbooks</c>); <c>/v3/company/{realmId}</c> is appended.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Overrides the token endpoint (default <c>https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer</c>).</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>Overrides the web app host used for deep links (default by <see cref="Environment"/>).</summary>
    public Uri? WebAppUrl { get; set; }

    /// <summary>The <c>minorversion</c> sent with every request; at least 75.</summary>
    [Range(MinimumMinorVersion, int.MaxValue, ErrorMessage = "MinorVersion must be at least 75 (QuickBooks ignores older ones).")]
    public int MinorVersion { get; set; } = MinimumMinorVersion;

    /// <summary>The item for lines without an item code, and for item codes that cannot be created. "1" is the "Services" item of new companies.</summary>
    [Required(ErrorMessage = "DefaultItemId is required (the item for lines without an item code).")]
    public string DefaultItemId { get; set; } = "1";

    /// <summary>The income account given to items the sink creates for unknown item codes; when empty, unknown codes use <see cref="DefaultItemId"/> with a warning.</summary>
    public string? DefaultIncomeAccountId { get; set; }

    /// <summary>
    /// The tax code for lines without one: <c>TAX</c>/<c>NON</c> in US companies; elsewhere (VAT/GST companies, where every
    /// line needs one) a TaxCode id or name of the company, also used for a line whose code the company does not have (with a warning).
    /// </summary>
    public string? DefaultTaxCode { get; set; }

    /// <summary>QBO Class ids by PSA division / line of business; lines of a mapped division carry that ClassRef.</summary>
    public IDictionary<string, string> DivisionClasses { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the company runs US automated sales tax: QBO computes the tax, the sink sends none and warns when QBO's
    /// tax differs from the PSA's by more than <see cref="TaxTolerance"/>.
    /// </summary>
    public bool AutomatedSalesTax { get; set; }

    /// <summary>How far QBO's computed tax may differ from the PSA's before a warning.</summary>
    public decimal TaxTolerance { get; set; } = 0.01m;

    /// <summary>Published limit: requests per minute per realm.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RequestsPerMinute must be positive.")]
    public int RequestsPerMinute { get; set; } = 500;

    /// <summary>Published limit: concurrent requests per realm and app.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "MaxConcurrentRequests must be positive.")]
    public int MaxConcurrentRequests { get; set; } = 10;

    /// <summary>Published limit: batch requests per minute per realm and app.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "BatchRequestsPerMinute must be positive.")]
    public int BatchRequestsPerMinute { get; set; } = 40;

    /// <summary>Divides every limit window (a WiseSync sandbox started with a time scale runs its minute that much faster).</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "TimeScale must be a positive number.")]
    public double TimeScale { get; set; } = 1d;

    /// <summary>The API host without the <c>/v3/company/{realmId}</c> part.</summary>
    public Uri ResolveBaseUrl() => BaseUrl ?? new Uri(Environment == QuickBooksEnvironment.Production
        ? "https://quickbooks.api.intuit.com"
        : "https://sandbox-quickbooks.api.intuit.com");

    /// <summary>The token endpoint.</summary>
    public Uri ResolveTokenUrl() => TokenUrl ?? new Uri("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");

    /// <summary>The web app host for deep links (reference Part 2.9; the sandbox host is reported, not documented).</summary>
    public Uri ResolveWebAppUrl() => WebAppUrl ?? new Uri(Environment == QuickBooksEnvironment.Production
        ? "https://app.qbo.intuit.com"
        : "https://app.sandbox.qbo.intuit.com");

    /// <inheritdoc />
    public override string ToString() =>
        $"QuickBooksOptions {{ RealmId = {RealmId}, Environment = {Environment}, BaseUrl = {ResolveBaseUrl()}, ClientId = {ClientId}, ClientSecret = ***, RefreshToken = {(RefreshToken is null ? "none" : "***")}, MinorVersion = {MinorVersion} }}";
}
