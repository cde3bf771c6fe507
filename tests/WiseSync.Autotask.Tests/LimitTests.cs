using NodaTime;

namespace WiseSync.Autotask.Tests;

public sealed class LimitTests
{
    [Fact]
    public async Task Eight_concurrent_writes_never_hold_more_than_three_threads_of_the_endpoint()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();
        await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(new LocalDate(2026, 11, 20)) { InvoiceIds = ["70001"] });

        // Each PATCH is held 500 ms at the sandbox so the eight calls overlap there.
        using var fault = await sandbox.Admin.PostAsync("_sandbox/faults", System.Net.Http.Json.JsonContent.Create(new
        {
            rules = new[] { new { vendor = "autotask", method = "PATCH", pathContains = "/Invoices", delayMs = 500 } },
        }));
        Assert.True(fault.IsSuccessStatusCode);
        var before = await sandbox.StatsAsync();

        var calls = Enumerable.Range(1, 8).Select(i => source.SetPaidAsync([new PsaPaidMark((70000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), new LocalDate(2026, 11, 19), 1m)]));
        var results = (await Task.WhenAll(calls)).SelectMany(r => r).ToList();

        Assert.Equal(8, results.Count(r => r.Succeeded));
        var stats = await sandbox.StatsAsync();
        Assert.Equal(3, stats.MaxConcurrent);
        Assert.Equal(before.Throttled, stats.Throttled);
        Assert.Equal(8, stats.Route("PATCH /Invoices"));
    }

    [Fact]
    public async Task A_429_from_another_integration_holding_the_threads_is_retried_and_the_write_lands_once()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync(timeScale: 3600);
        var source = sandbox.CreateSource();
        using var fault = await sandbox.Admin.PostAsync("_sandbox/faults", System.Net.Http.Json.JsonContent.Create(new
        {
            rules = new[] { new { vendor = "autotask", method = "PATCH", pathContains = "/Invoices", status = 429, retryAfterSeconds = 0, count = 2 } },
        }));

        var result = Assert.Single(await source.SetPaidAsync([new PsaPaidMark("70001", new LocalDate(2026, 11, 19), 1m)]));

        Assert.True(result.Succeeded, result.Error);
        var stats = await sandbox.StatsAsync();
        Assert.Equal(3, stats.Route("PATCH /Invoices"));
        Assert.Equal(2, stats.Throttled);
        Assert.Equal("2026-11-19T00:00:00Z", (string?)(await sandbox.InvoiceStateAsync(70001))["paidDate"]);
    }

    [Fact]
    public async Task Spending_the_share_of_the_hourly_budget_stops_with_a_long_window_rate_limit()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();

        // 25% of a 40-request threshold = 10 requests per hour (time scale 1 for the client: the hour does not pass).
        var source = sandbox.CreateSource(o =>
        {
            o.HourlyRequestThreshold = 40;
            o.TimeScale = 1;
        });

        var error = await Assert.ThrowsAsync<RateLimitedException>(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await source.SetPaidAsync([new PsaPaidMark("70001", new LocalDate(2026, 11, 19), 1m)]);
            }
        });

        Assert.Equal(RateLimitKind.LongWindow, error.Kind);
        Assert.Equal(10, (await sandbox.StatsAsync()).Requests);
    }
}
