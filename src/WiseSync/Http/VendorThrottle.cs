namespace WiseSync.Http;

/// <summary>What a vendor's 429 answer says about the limit that was hit (see <see cref="VendorHttpOptions.ClassifyThrottle"/>).</summary>
/// <param name="Kind">The kind of limit; <see cref="RateLimitKind.LongWindow"/> is never retried.</param>
/// <param name="LimitName">The limit's name for messages ("daily limit").</param>
public sealed record VendorThrottle(RateLimitKind Kind, string LimitName);
