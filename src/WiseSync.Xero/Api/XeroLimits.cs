using System.Globalization;
using WiseSync.Http;

namespace WiseSync.Xero.Api;

/// <summary>Xero's limits (calls per tenant, elements per call, page and contact sizes) and 429 headers (reference/accounting-apis.md §1.2).</summary>
internal static class XeroLimits
{
    public const int MaxConcurrent = 5;
    public const int PerMinute = 60;
    public const int PerDay = 5_000;
    public const int PerDayStarter = 1_000;
    public const string ProblemHeader = "X-Rate-Limit-Problem";
    public const string DayRemainingHeader = "X-DayLimit-Remaining";
    public const string MinuteRemainingHeader = "X-MinLimit-Remaining";
    public const string AppMinuteRemainingHeader = "X-AppMinLimit-Remaining";

    /// <summary>Elements per write, and ids per read, in one call: Xero recommends up to 50 (reference/accounting-apis.md §1.2).</summary>
    public const int ElementsPerCall = 50;

    /// <summary>Contact persons Xero keeps on a contact beside its primary email (reference/accounting-apis.md, "Multiple emails").</summary>
    public const int MaxContactPersons = 5;

    /// <summary>The largest page size Xero is known to serve (reference/accounting-apis.md "Reading invoices").</summary>
    public const int MaxPageSize = 1000;

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

    /// <summary>
    /// Which limit a 429 names. Xero sends X-Rate-Limit-Problem in lower case (<c>day</c>, <c>minute</c>,
    /// <c>concurrent</c>, <c>appminute</c>; recorded answers quoted in tests/…/Fixtures/xero/SOURCES.md), read here
    /// in any case; without it, X-DayLimit-Remaining: 0 still means the day is spent. The daily limit is not retried.
    /// </summary>
    public static VendorThrottle? Classify(HttpResponseMessage response) =>
        Classify(First(response, ProblemHeader), Number(First(response, DayRemainingHeader)));

    /// <summary>The same reading from the header values themselves.</summary>
    public static VendorThrottle? Classify(string? problem, int? dayRemaining)
    {
        switch (problem?.Trim().ToLowerInvariant())
        {
            case "day" or "daily" or "daylimit":
                return new VendorThrottle(RateLimitKind.LongWindow, "daily limit");
            case "concurrent":
                return new VendorThrottle(RateLimitKind.Concurrency, "concurrent limit");
            case "appminute" or "appminutelimit":
                return new VendorThrottle(RateLimitKind.ShortWindow, "app minute limit");
            case "minute" or "minutelimit":
                return new VendorThrottle(RateLimitKind.ShortWindow, "minute limit");
        }

        if (dayRemaining is <= 0)
        {
            return new VendorThrottle(RateLimitKind.LongWindow, "daily limit");
        }

        return problem is null ? null : new VendorThrottle(RateLimitKind.ShortWindow, "minute limit");
    }

    /// <summary>
    /// X-MinLimit-Remaining, X-AppMinLimit-Remaining (the app's minute, shared by every tenant: whichever is lower
    /// bounds this tenant's minute) and X-DayLimit-Remaining, after every call.
    /// </summary>
    public static VendorQuota? ReadQuota(HttpResponseMessage response)
    {
        var minute = Number(First(response, MinuteRemainingHeader));
        var appMinute = Number(First(response, AppMinuteRemainingHeader));
        var day = Number(First(response, DayRemainingHeader));
        var window = (minute, appMinute) switch
        {
            ({ } m, { } a) => Math.Min(m, a),
            ({ } m, null) => m,
            (null, { } a) => a,
            _ => (int?)null,
        };
        return window is null && day is null ? null : new VendorQuota(window, day);
    }

    public static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
