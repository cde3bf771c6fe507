using System.Globalization;
using WiseSync.Http;

namespace WiseSync.Xero.Internal;

/// <summary>Xero's per-tenant limits and 429 headers (reference/accounting-apis.md §1.2).</summary>
internal static class XeroLimits
{
    public const int MaxConcurrent = 5;
    public const int PerMinute = 60;
    public const int PerDay = 5_000;
    public const int PerDayStarter = 1_000;

    public static VendorRateLimits For(XeroPlanTier tier) => new()
    {
        MaxConcurrent = MaxConcurrent,
        RequestsPerWindow = PerMinute,
        Window = TimeSpan.FromMinutes(1),
        WindowName = "minute limit",
        LongWindowBudget = tier == XeroPlanTier.Starter ? PerDayStarter : PerDay,
        LongWindow = TimeSpan.FromDays(1),
        LongWindowName = "daily limit",
    };

    /// <summary>X-Rate-Limit-Problem names the limit: Daily is not worth retrying now.</summary>
    public static VendorThrottle? Classify(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Rate-Limit-Problem", out var values))
        {
            return null;
        }

        var problem = values.FirstOrDefault() ?? string.Empty;
        return problem.ToUpperInvariant() switch
        {
            "DAILY" => new VendorThrottle(RateLimitKind.LongWindow, "daily limit"),
            "CONCURRENT" => new VendorThrottle(RateLimitKind.Concurrency, "concurrent limit"),
            "APPMINUTE" => new VendorThrottle(RateLimitKind.ShortWindow, "app minute limit"),
            _ => new VendorThrottle(RateLimitKind.ShortWindow, "minute limit"),
        };
    }

    /// <summary>X-MinLimit-Remaining and X-DayLimit-Remaining after every call.</summary>
    public static VendorQuota? ReadQuota(HttpResponseMessage response)
    {
        var minute = Header(response, "X-MinLimit-Remaining");
        var day = Header(response, "X-DayLimit-Remaining");
        return minute is null && day is null ? null : new VendorQuota(minute, day);
    }

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
