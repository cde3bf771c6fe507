using System.Globalization;

namespace WiseSync.Http;

/// <summary>
/// How one vendor client of one connection talks HTTP: base address, limits, timeouts, retries and the vendor's
/// callbacks. Numbers bind from configuration; callbacks are set by the provider.
/// </summary>
public sealed class VendorHttpOptions
{
    /// <summary>The vendor's API base address; must be https unless it is a loopback address.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The vendor's per-tenant limits.</summary>
    public VendorRateLimits Limits { get; set; } = VendorRateLimits.None;

    /// <summary>
    /// Divides every vendor time window (limits, token refresh margin). 1 against the real vendor; a sandbox's
    /// <c>/_sandbox/info</c> reports its <c>timeScale</c>, so the client paces itself as it would for real.
    /// </summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>The longest one call may take, retries and waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first backoff delay (exponential with jitter after that) when the vendor gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A Retry-After longer than this is not waited out: the call fails with a <see cref="RateLimitedException"/> so
    /// the run stops starting new work instead of sleeping for hours.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Inspects a 429 answer and says which limit was hit (e.g. Xero's <c>X-Rate-Limit-Problem: Daily</c>); null or
    /// an unset callback means a short-window limit, which is retried.
    /// </summary>
    public Func<HttpResponseMessage, VendorThrottle?>? ClassifyThrottle { get; set; }

    /// <summary>Reads the vendor's quota headers (e.g. <c>X-MinLimit-Remaining</c>) from every response; null = none.</summary>
    public Func<HttpResponseMessage, VendorQuota?>? ReadQuota { get; set; }

    /// <summary>Header names whose values are secret (e.g. Autotask's <c>Secret</c>); Authorization is always secret.</summary>
    public ISet<string> SecretHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Shows the settings; never a secret (there are none here, and callbacks are only named).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"VendorHttpOptions {{ BaseAddress = {BaseAddress}, Limits = {Limits}, TimeScale = {TimeScale}, TotalTimeout = {TotalTimeout}, AttemptTimeout = {AttemptTimeout}, MaxRetryAttempts = {MaxRetryAttempts}, SecretHeaders = [{string.Join(", ", SecretHeaders)}] }}");
}
