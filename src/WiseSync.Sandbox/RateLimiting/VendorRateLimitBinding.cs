namespace WiseSync.Sandbox.RateLimiting;

/// <summary>
/// How one vendor's routes use a <see cref="VendorRateLimiter"/>: which tenant and concurrency scope a request
/// belongs to, the quota headers on every answer and the vendor's own 429.
/// </summary>
internal sealed record VendorRateLimitBinding(
    VendorRateLimiter Limiter,
    Func<HttpContext, string> Tenant,
    Func<HttpContext, string> ConcurrencyScope,
    Action<HttpResponse, RateLimitDecision> WriteQuotaHeaders,
    Func<HttpContext, RateLimitDecision, IResult> Throttled);
