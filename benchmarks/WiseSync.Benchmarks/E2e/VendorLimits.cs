namespace WiseSync.Benchmarks.E2e;

/// <summary>One published rate window: at most <paramref name="Calls"/> calls per <paramref name="Window"/>.</summary>
internal sealed record RateWindowLimit(string Name, int Calls, TimeSpan Window);

/// <summary>One vendor's floor and its two parts, in seconds.</summary>
internal sealed record VendorFloor(string Vendor, double WindowSeconds, double ConcurrencySeconds, double MedianRoundTripSeconds)
{
    public double Seconds => Math.Max(WindowSeconds, ConcurrencySeconds);
}

/// <summary>
/// The vendors' published limits (reference/psa-apis.md §1.9 and §2.7, reference/accounting-apis.md §1.2 and §2.3) and the
/// floor they put under a run: the least time in which the calls a run made can be made without breaking any of them.
/// </summary>
internal static class VendorLimits
{
    /// <summary>Rolling windows per tenant.</summary>
    public static IReadOnlyList<RateWindowLimit> Windows(string vendor) => vendor switch
    {
        // Autotask: 10,000 requests per rolling hour per database.
        "autotask" => [new("hour", 10_000, TimeSpan.FromHours(1))],

        // ConnectWise publishes no limit; the sandbox emulates Cloudflare's edge at 2,000 per minute (assumed, psa-apis.md §2.7).
        "connectwise" => [new("minute", 2_000, TimeSpan.FromMinutes(1))],

        // Xero: 60 per minute and 5,000 per rolling day per tenant.
        "xero" => [new("minute", 60, TimeSpan.FromMinutes(1)), new("day", 5_000, TimeSpan.FromDays(1))],

        // QuickBooks Online: 500 per minute per realm (its 40 batches per minute are counted apart, see BatchWindow).
        "quickbooks" => [new("minute", 500, TimeSpan.FromMinutes(1))],
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown vendor."),
    };

    /// <summary>
    /// Requests in flight at once per concurrency scope: Autotask 3 threads per integration code and endpoint (entity),
    /// Xero 5 per tenant, QuickBooks 10 per realm and app, ConnectWise 10 as the sandbox emulates Cloudflare (assumed).
    /// </summary>
    public static int Concurrency(string vendor) => vendor switch
    {
        "autotask" => 3,
        "connectwise" => 10,
        "xero" => 5,
        "quickbooks" => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown vendor."),
    };

    /// <summary>QuickBooks counts POST /batch against a second window of 40 per minute (accounting-apis.md §2.3).</summary>
    private static readonly RateWindowLimit QuickBooksBatchWindow = new("batch minute", 40, TimeSpan.FromMinutes(1));

    /// <summary>
    /// N calls under a window of L per W need at least (ceil(N / L) − 1) × W: the first L go at once and each further L
    /// waits one more window. Divided by the sandbox's time scale, which runs the windows that much faster.
    /// </summary>
    public static double WindowSeconds(long calls, RateWindowLimit window, double timeScale) =>
        calls <= 0 ? 0 : (((calls + window.Calls - 1) / window.Calls) - 1) * window.Window.TotalSeconds / timeScale;

    /// <summary>
    /// One vendor's floor for the calls a run made to it. <paramref name="byRoute"/> is the sandbox's count per
    /// "METHOD /path" (ids removed); <paramref name="medianRoundTrip"/> the run's measured median round trip to that vendor.
    /// <list type="bullet">
    /// <item>Window floor: the largest <see cref="WindowSeconds"/> over the vendor's windows.</item>
    /// <item>Concurrency floor: C calls that each take the median round trip m, at most K in flight, need C × m / K.
    /// Autotask's K = 3 holds per endpoint, so its floor is the largest over endpoints of (calls to it) × m / 3.</item>
    /// </list>
    /// The vendor's floor is the larger of the two. Round trips are real time, not scaled.
    /// </summary>
    public static VendorFloor Floor(string vendor, IReadOnlyDictionary<string, long> byRoute, double medianRoundTrip, double timeScale)
    {
        var calls = byRoute.Values.Sum();
        var window = Windows(vendor).Select(w => WindowSeconds(calls, w, timeScale)).DefaultIfEmpty(0).Max();
        if (vendor == "quickbooks")
        {
            var batches = byRoute.Where(r => r.Key.EndsWith("/batch", StringComparison.Ordinal)).Sum(r => r.Value);
            window = Math.Max(window, WindowSeconds(batches, QuickBooksBatchWindow, timeScale));
        }

        var scoped = vendor == "autotask"
            ? byRoute.GroupBy(r => AutotaskEndpoint(r.Key)).Select(g => g.Sum(r => r.Value)).DefaultIfEmpty(0).Max()
            : calls;
        var concurrency = scoped * medianRoundTrip / Concurrency(vendor);
        return new VendorFloor(vendor, window, concurrency, medianRoundTrip);
    }

    /// <summary>The run's floor: each vendor is a separate tenant with separate limits, so the larger of the two vendors' floors.</summary>
    public static double FloorSeconds(params VendorFloor[] vendors) => vendors.Max(v => v.Seconds);

    /// <summary>Autotask's thread scope: the entity, the first segment of "PATCH /Invoices" or "POST /BillingItems/query/next".</summary>
    private static string AutotaskEndpoint(string route)
    {
        var path = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant() ?? "";
    }
}
