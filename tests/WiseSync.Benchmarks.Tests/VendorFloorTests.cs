using WiseSync.Benchmarks.E2e;

namespace WiseSync.Benchmarks.Tests;

/// <summary>The floor arithmetic behind the e2e RESULT line's floorSeconds (benchmarks/README.md, "floorSeconds").</summary>
public sealed class VendorFloorTests
{
    private const double TimeScale = 60;

    [Fact]
    public void Autotask_calls_take_their_share_of_the_hour_at_the_published_rate()
    {
        // 620 calls of 10,000 per hour = 223.2 s, 60 times faster = 3.72 s.
        var floor = VendorLimits.Floor("autotask", Routes(("PATCH /Invoices", 600), ("POST /Invoices/query", 1), ("POST /BillingItems/query", 19)), medianRoundTrip: 0.001, TimeScale);

        Assert.Equal(3.72, floor.RateSeconds, 6);
        Assert.Equal(0, floor.BurstSeconds);
        Assert.Equal(3.72, floor.Seconds, 6);
    }

    [Fact]
    public void Autotask_concurrency_counts_the_busiest_endpoint_at_three_threads()
    {
        // Invoices: 600 + 1 calls × 30 ms / 3 threads = 6.01 s; BillingItems' 19 calls do not add to it.
        var floor = VendorLimits.Floor("autotask", Routes(("PATCH /Invoices", 600), ("POST /Invoices/query", 1), ("POST /BillingItems/query", 19)), medianRoundTrip: 0.030, TimeScale);

        Assert.Equal(6.01, floor.ConcurrencySeconds, 6);
        Assert.Equal(6.01, floor.Seconds, 6);
        Assert.Equal(6.01, floor.StrictSeconds, 6);
    }

    [Fact]
    public void Xero_daily_allowance_is_a_quota_not_a_pace()
    {
        // 19 calls at 60 a minute = 19 s, 60 times faster = 0.3167 s; at 5,000 a day it would be 5.47 s.
        var floor = VendorLimits.Floor("xero", Routes(("PUT /Invoices", 12), ("GET /Contacts", 7)), medianRoundTrip: 0.010, TimeScale);

        Assert.Equal(19d / 60, floor.RateSeconds, 6);
        Assert.Equal(19d / 60, floor.Seconds, 6);
    }

    [Fact]
    public void Xero_calls_beyond_one_minute_window_wait_for_later_windows_even_in_the_strict_bound()
    {
        // 1,242 calls: 20.7 minutes at the rate; with the first 60 at once, 20 more windows.
        var floor = VendorLimits.Floor("xero", Routes(("PUT /Invoices", 601), ("GET /Contacts", 641)), medianRoundTrip: 0.001, TimeScale);

        Assert.Equal(20.7, floor.RateSeconds, 6);
        Assert.Equal(20, floor.BurstSeconds, 6);
        Assert.Equal(20, floor.StrictSeconds, 6);
    }

    [Fact]
    public void QuickBooks_batches_count_against_their_own_forty_a_minute()
    {
        // 45 calls of 500 a minute = 0.09 s; the 22 batches of 40 a minute = 0.55 s.
        var floor = VendorLimits.Floor("quickbooks", Routes(("POST /v3/company/{id}/batch", 22), ("GET /v3/company/{id}/query", 22), ("POST /oauth2/v1/tokens/bearer", 1)), medianRoundTrip: 0.002, TimeScale);

        Assert.Equal(0.55, floor.RateSeconds, 6);
        Assert.Equal(0.55, floor.Seconds, 6);
    }

    [Fact]
    public void A_run_floor_is_its_slower_vendor()
    {
        var psa = VendorLimits.Floor("autotask", Routes(("PATCH /Invoices", 620)), medianRoundTrip: 0.001, TimeScale);
        var accounting = VendorLimits.Floor("xero", Routes(("PUT /Invoices", 19)), medianRoundTrip: 0.010, TimeScale);

        Assert.Equal(psa.Seconds, VendorLimits.FloorSeconds(psa, accounting));
        Assert.Equal(psa.StrictSeconds, VendorLimits.StrictSeconds(psa, accounting));
    }

    [Fact]
    public void No_calls_need_no_time()
    {
        var floor = VendorLimits.Floor("connectwise", Routes(), medianRoundTrip: 0, TimeScale);

        Assert.Equal(0, floor.Seconds);
        Assert.Equal(0, floor.StrictSeconds);
    }

    private static Dictionary<string, long> Routes(params (string Route, long Calls)[] routes) =>
        routes.ToDictionary(r => r.Route, r => r.Calls, StringComparer.Ordinal);
}
