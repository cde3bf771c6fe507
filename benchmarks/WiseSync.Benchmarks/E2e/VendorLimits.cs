namespace WiseSync.Benchmarks.E2e;

/// <summary>
/// One published window: at most <paramref name="Calls"/> calls per rolling <paramref name="Window"/>. A rate (a vendor's
/// per-minute or per-hour limit) paces the calls; a quota (Xero's 5,000 a day) is an allowance the day's runs share, so it
/// only counts once a run needs more than one of it.
/// </summary>
internal sealed record RateWindowLimit(string Name, int Calls, TimeSpan Window, bool IsQuota = false);

/// <summary>One vendor's floor and its parts, in seconds.</summary>
/// <param name="RateSeconds">The calls at the published rates: the largest over the vendor's rate windows of calls × W ÷ L (quotas by their burst bound).</param>
/// <param name="BurstSeconds">The calls under the windows when a run may start with full windows: (ceil(N ÷ L) − 1) × W.</param>
/// <param name="ConcurrencySeconds">The calls at the published concurrency, each taking the run's median round trip.</param>
internal sealed record VendorFloor(string Vendor, double RateSeconds, double BurstSeconds, double ConcurrencySeconds, double MedianRoundTripSeconds)
{
    /// <summary>The floor the RESULT line reports: the calls at the published rates, or at the published concurrency when that is longer.</summary>
    public double Seconds => Math.Max(RateSeconds, ConcurrencySeconds);

    /// <summary>The strict lower bound: bursts of a full window allowed, so only concurrency and later windows count.</summary>
    public double StrictSeconds => Math.Max(BurstSeconds, ConcurrencySeconds);
}

/// <summary>
/// The vendors' published limits (reference/psa-apis.md §1.9 and §2.7, reference/accounting-apis.md §1.2 and §2.3) and the
/// floor they put under a run: the time the calls a run made take at the published rates (CONTRACTS §3's floorSeconds), and
/// the strict lower bound when every rolling window starts empty.
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
        "xero" => [new("minute", 60, TimeSpan.FromMinutes(1)), new("day", 5_000, TimeSpan.FromDays(1), IsQuota: true)],

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
    /// N calls at the published rate of L per W take N × W ÷ L: the rate a sync can keep up run after run, with other
    /// integrations sharing the tenant. Divided by the sandbox's time scale, which runs the windows that much faster.
    /// </summary>
    public static double RateSeconds(long calls, RateWindowLimit window, double timeScale) =>
        calls <= 0 ? 0 : calls * window.Window.TotalSeconds / window.Calls / timeScale;

    /// <summary>
    /// N calls under a rolling window of L per W that starts empty need at least (ceil(N / L) − 1) × W: the first L go
    /// at once and each further L waits one more window. Divided by the time scale.
    /// </summary>
    public static double BurstSeconds(long calls, RateWindowLimit window, double timeScale) =>
        calls <= 0 ? 0 : (((calls + window.Calls - 1) / window.Calls) - 1) * window.Window.TotalSeconds / timeScale;

    /// <summary>
    /// One vendor's floor for the calls a run made to it. <paramref name="byRoute"/> is the sandbox's count per
    /// "METHOD /path" (ids removed); <paramref name="medianRoundTrip"/> the run's measured median round trip to that vendor.
    /// <list type="bullet">
    /// <item>Rate floor: the largest <see cref="RateSeconds"/> over the vendor's rate windows, <see cref="BurstSeconds"/> for a quota
    /// (QuickBooks' batch window counts POST /batch alone).</item>
    /// <item>Burst floor: the same with <see cref="BurstSeconds"/>.</item>
    /// <item>Concurrency floor: C calls that each take the median round trip m, at most K in flight, need C × m / K.
    /// Autotask's K = 3 holds per endpoint, so its floor is the largest over endpoints of (calls to it) × m / 3.</item>
    /// </list>
    /// Round trips are real time, not scaled.
    /// </summary>
    public static VendorFloor Floor(string vendor, IReadOnlyDictionary<string, long> byRoute, double medianRoundTrip, double timeScale)
    {
        var calls = byRoute.Values.Sum();
        var windows = Windows(vendor).Select(w => (Window: w, Calls: calls)).ToList();
        if (vendor == "quickbooks")
        {
            windows.Add((QuickBooksBatchWindow, byRoute.Where(r => r.Key.EndsWith("/batch", StringComparison.Ordinal)).Sum(r => r.Value)));
        }

        var rate = windows.Select(w => w.Window.IsQuota ? BurstSeconds(w.Calls, w.Window, timeScale) : RateSeconds(w.Calls, w.Window, timeScale)).DefaultIfEmpty(0).Max();
        var burst = windows.Select(w => BurstSeconds(w.Calls, w.Window, timeScale)).DefaultIfEmpty(0).Max();
        var scoped = vendor == "autotask"
            ? byRoute.GroupBy(r => AutotaskEndpoint(r.Key)).Select(g => g.Sum(r => r.Value)).DefaultIfEmpty(0).Max()
            : calls;
        var concurrency = scoped * medianRoundTrip / Concurrency(vendor);
        return new VendorFloor(vendor, rate, burst, concurrency, medianRoundTrip);
    }

    /// <summary>The run's floor: each vendor is a separate tenant with separate limits, so the larger of the two vendors' floors.</summary>
    public static double FloorSeconds(params VendorFloor[] vendors) => vendors.Max(v => v.Seconds);

    /// <summary>The run's strict lower bound, the larger of the two vendors' <see cref="VendorFloor.StrictSeconds"/>.</summary>
    public static double StrictSeconds(params VendorFloor[] vendors) => vendors.Max(v => v.StrictSeconds);

    /// <summary>Autotask's thread scope: the entity, the first segment of "PATCH /Invoices" or "POST /BillingItems/query/next".</summary>
    private static string AutotaskEndpoint(string route)
    {
        var path = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant() ?? "";
    }
}
