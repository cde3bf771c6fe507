namespace WiseSync.Benchmarks.E2e;

/// <summary>One published rate window: at most <paramref name="Calls"/> calls per <paramref name="Window"/>.</summary>
internal sealed record RateWindowLimit(string Name, int Calls, TimeSpan Window);

/// <summary>
/// The vendors' published per-tenant rate windows (reference/psa-apis.md §1.8 and §2.7, reference/accounting-apis.md §1.2
/// and §2.x) and the floor they put under a run: the least time in which that many calls can be made without breaking any window.
/// </summary>
internal static class VendorLimits
{
    public static IReadOnlyList<RateWindowLimit> For(string vendor) => vendor switch
    {
        // Autotask: 10,000 requests per rolling hour per database (the 3-thread cap limits concurrency, not a count).
        "autotask" => [new("hour", 10_000, TimeSpan.FromHours(1))],

        // ConnectWise documents no hard rate limit.
        "connectwise" => [],

        // Xero: 60 per minute and 5,000 per rolling day per tenant.
        "xero" => [new("minute", 60, TimeSpan.FromMinutes(1)), new("day", 5_000, TimeSpan.FromDays(1))],

        // QuickBooks Online: 500 per minute per realm.
        "quickbooks" => [new("minute", 500, TimeSpan.FromMinutes(1))],
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown vendor."),
    };

    /// <summary>
    /// The floor of one vendor: for each window of L calls per W, the first L calls may go at once and each further L
    /// only one window later, so N calls need at least (ceil(N / L) − 1) × W; the vendor's floor is the largest over its
    /// windows, divided by the sandbox's time scale.
    /// </summary>
    public static double FloorSeconds(string vendor, long calls, double timeScale)
    {
        if (calls <= 0)
        {
            return 0;
        }

        var floor = 0d;
        foreach (var window in For(vendor))
        {
            var windows = ((calls + window.Calls - 1) / window.Calls) - 1;
            floor = Math.Max(floor, windows * window.Window.TotalSeconds / timeScale);
        }

        return floor;
    }

    /// <summary>The run's floor: the PSA and the accounting system are separate tenants with separate limits, so the larger of the two.</summary>
    public static double FloorSeconds(string psa, long psaCalls, string accounting, long accountingCalls, double timeScale) =>
        Math.Max(FloorSeconds(psa, psaCalls, timeScale), FloorSeconds(accounting, accountingCalls, timeScale));
}
