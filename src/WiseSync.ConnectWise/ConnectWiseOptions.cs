using System.ComponentModel.DataAnnotations;

namespace WiseSync.ConnectWise;

/// <summary>Settings of one ConnectWise PSA (Manage) connection. Bind from configuration or set in code.</summary>
/// <remarks>The keys belong to an API Member (System &gt; Members &gt; API Members); <see cref="ToString"/> never shows them.</remarks>
public sealed class ConnectWiseOptions
{
    /// <summary>The site, e.g. <c>https://api-na.myconnectwise.net</c> (the sandbox: <c>http://127.0.0.1:5599/connectwise</c>).</summary>
    public Uri? SiteUrl { get; set; }

    /// <summary>The codebase segment of the API path; <c>v4_6_release</c> is the stable alias every cloud site serves.</summary>
    [Required(ErrorMessage = "Codebase is required (e.g. v4_6_release).")]
    public string Codebase { get; set; } = "v4_6_release";

    /// <summary>The ConnectWise company id used to log in (the first half of the Basic user name).</summary>
    [Required(ErrorMessage = "CompanyId is required.")]
    public string? CompanyId { get; set; }

    /// <summary>The API Member's public key.</summary>
    [Required(ErrorMessage = "PublicKey is required.")]
    public string? PublicKey { get; set; }

    /// <summary>The API Member's private key (a secret).</summary>
    [Required(ErrorMessage = "PrivateKey is required.")]
    public string? PrivateKey { get; set; }

    /// <summary>The integration's clientId (a GUID from developer.connectwise.com), sent on every request.</summary>
    [Required(ErrorMessage = "ClientId is required.")]
    public string? ClientId { get; set; }

    /// <summary>
    /// The API model version pinned through the Accept header (<c>application/vnd.connectwise.com+json; version=…</c>).
    /// Empty sends plain <c>application/json</c> and gets the site's latest model.
    /// </summary>
    public string? ApiVersion { get; set; } = "2025.1";

    /// <summary>Only invoices of this location (business unit), when set; null takes every location.</summary>
    public int? LocationId { get; set; }

    /// <summary>
    /// The site's IANA time zone. Date-only fields arrive as midnight UTC and are read by their calendar date;
    /// a date that arrives with a time of day (on-premise sites converting local midnight to UTC) is converted to this zone.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Records per page, at most 1,000 (ConnectWise's hard limit); a larger value fails at start, it is never cut.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Invoice ids per <c>id in (…)</c> condition, so request lines stay well under the 8 KB most front ends accept.</summary>
    [Range(1, 1000, ErrorMessage = "IdsPerQuery must be between 1 and 1000.")]
    public int IdsPerQuery { get; set; } = 300;

    /// <summary>How the GL export summarises invoice lines: <c>Detailed</c> (one line per source record), <c>Condensed</c> or <c>Default</c>.</summary>
    public string SummarizeInvoices { get; set; } = "Detailed";

    /// <summary>
    /// Concurrent requests per connection. ConnectWise publishes no rate limit, but its cloud sits behind Cloudflare,
    /// which answers 429 to bursts; keep concurrency low (reference/psa-apis.md §2.7). 429s are retried by the plumbing.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 3;

    /// <summary>Divides vendor time windows when talking to a sandbox that runs its clocks faster (its <c>/_sandbox/info</c> timeScale).</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>The base address of the REST API, derived from <see cref="SiteUrl"/> and <see cref="Codebase"/>.</summary>
    public Uri? ApiBaseAddress => SiteUrl is null
        ? null
        : new Uri($"{SiteUrl.ToString().TrimEnd('/')}/{Codebase.Trim('/')}/apis/3.0/");

    /// <inheritdoc />
    public override string ToString() =>
        $"ConnectWise {SiteUrl} company={CompanyId} publicKey={(string.IsNullOrEmpty(PublicKey) ? "(none)" : "***")} privateKey=***";
}
