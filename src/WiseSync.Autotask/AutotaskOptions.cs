using System.ComponentModel.DataAnnotations;

namespace WiseSync.Autotask;

/// <summary>Settings of one Autotask connection (an API-only user of one Autotask database).</summary>
public sealed class AutotaskOptions
{
    /// <summary>The global host that answers zone lookups (reference/psa-apis.md §1.1).</summary>
    public static readonly Uri DefaultZoneLookupUrl = new("https://webservices.autotask.net/atservicesrest/");

    /// <summary>The API user's name (email form). Required.</summary>
    [Required(ErrorMessage = "Autotask:UserName is required: the API-only user's user name.")]
    public string UserName { get; set; } = string.Empty;

    /// <summary>The API user's secret. Required. Never logged.</summary>
    [Required(ErrorMessage = "Autotask:Secret is required: the API user's secret.")]
    public string Secret { get; set; } = string.Empty;

    /// <summary>The API tracking identifier (<c>ApiIntegrationCode</c> header). Required.</summary>
    [Required(ErrorMessage = "Autotask:IntegrationCode is required: the API tracking identifier.")]
    public string IntegrationCode { get; set; } = string.Empty;

    /// <summary>
    /// The zone's REST base URL, e.g. <c>https://webservices2.autotask.net/atservicesrest/</c>. When null it is
    /// discovered through <c>zoneInformation</c> once and cached.
    /// </summary>
    public Uri? ZoneUrl { get; set; }

    /// <summary>Where zone lookups go when <see cref="ZoneUrl"/> is not set (ends with <c>atservicesrest/</c>).</summary>
    public Uri ZoneLookupUrl { get; set; } = DefaultZoneLookupUrl;

    /// <summary>Optional resource id the calls act as (<c>ImpersonationResourceId</c> header).</summary>
    public int? ImpersonationResourceId { get; set; }

    /// <summary>The IANA time zone of the Autotask database, used to turn UTC stamps into local dates. Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// The share of the database's 10,000 requests per hour this connection may use (0 &lt; share ≤ 1). The hourly
    /// budget is shared with every other integration on the database, so the default leaves them 75%.
    /// </summary>
    public double ApiBudgetShare { get; set; } = 0.25;

    /// <summary>
    /// The database's request threshold per rolling hour, shared by every integration on it (10,000 unless Autotask
    /// set another; <c>ThresholdInformation</c> tells).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Autotask:HourlyRequestThreshold must be positive.")]
    public int HourlyRequestThreshold { get; set; } = 10_000;

    /// <summary>Concurrent requests per endpoint; Autotask allows 3 threads per integration and endpoint.</summary>
    [Range(1, 3, ErrorMessage = "Autotask:MaxThreadsPerEndpoint must be 1 to 3: Autotask allows 3 threads per endpoint.")]
    public int MaxThreadsPerEndpoint { get; set; } = 3;

    /// <summary>Where invoice recipients come from. Default: contacts flagged as billing contacts, read in bulk.</summary>
    public AutotaskRecipientSource Recipients { get; set; } = AutotaskRecipientSource.BillingContacts;

    /// <summary>Currency code of invoices (Autotask invoices carry no currency code). Default USD.</summary>
    [Required(ErrorMessage = "Autotask:Currency must be a 3-letter ISO code.")]
    [StringLength(3, MinimumLength = 3, ErrorMessage = "Autotask:Currency must be a 3-letter ISO code.")]
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// Speed-up of vendor time windows, for a sandbox started with <c>--time-scale</c> (its <c>/_sandbox/info</c> says
    /// which). 1 against the real API.
    /// </summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "Autotask:TimeScale must be positive.")]
    public double TimeScale { get; set; } = 1d;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <inheritdoc />
    public override string ToString() =>
        $"Autotask(UserName={UserName}, IntegrationCode={(IntegrationCode.Length > 0 ? "***" : "")}, Zone={ZoneUrl?.ToString() ?? "discovered"})";
}
