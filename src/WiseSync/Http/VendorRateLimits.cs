namespace WiseSync.Http;

/// <summary>
/// A vendor's published limits for one tenant. The provider fills it with the vendor's defaults (and names the
/// source in <c>reference/</c>); hosts may lower the numbers through configuration.
/// </summary>
/// <remarks>Windows are the vendor's real windows; <see cref="VendorHttpOptions.TimeScale"/> divides them against a sandbox.</remarks>
public sealed record VendorRateLimits
{
    /// <summary>No limits at all (tests and vendors without published limits).</summary>
    public static VendorRateLimits None { get; } = new();

    /// <summary>Requests allowed in flight at once; 0 = no limit.</summary>
    public int MaxConcurrent { get; init; }

    /// <summary>Requests allowed per <see cref="Window"/>; 0 = no limit.</summary>
    public int RequestsPerWindow { get; init; }

    /// <summary>The short window (e.g. one minute).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>What the vendor calls the short window's limit, used in messages ("minute limit").</summary>
    public string WindowName { get; init; } = "minute limit";

    /// <summary>Requests allowed per <see cref="LongWindow"/> (a daily limit, an hourly budget share); 0 = no limit.</summary>
    public int LongWindowBudget { get; init; }

    /// <summary>The long window (e.g. one day, one hour).</summary>
    public TimeSpan LongWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>What the vendor calls the long window's limit, used in messages ("daily limit", "hourly budget").</summary>
    public string LongWindowName { get; init; } = "daily limit";
}
