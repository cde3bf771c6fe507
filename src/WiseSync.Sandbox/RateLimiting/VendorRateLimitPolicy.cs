namespace WiseSync.Sandbox.RateLimiting;

/// <summary>A vendor's published limits: concurrent requests per scope and rolling windows per tenant.</summary>
internal sealed record VendorRateLimitPolicy(int MaxConcurrent, IReadOnlyList<RateWindow> Windows);
