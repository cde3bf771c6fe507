using Xunit.Abstractions;
using System.Diagnostics;
using System.Net;
using WiseSync.Tests.Auth;

namespace WiseSync.Tests.Http;

/// <summary>The vendor pipeline against the sandbox over real HTTP.</summary>
public sealed class VendorHttpPipelineTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_429_with_Retry_After_2_is_waited_out_on_the_injected_clock()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var time = new TimerRecordingTimeProvider();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore(), time: time);
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", method = "GET", pathContains = "/connections", status = 429, retryAfterSeconds = 2, count = 1 });

        var call = services.Client().GetConnectionsAsync();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2)).WaitAsync(Guard);
        Assert.False(call.IsCompleted);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/connections"));

        time.Advance(TimeSpan.FromSeconds(2));
        using var response = await call.WaitAsync(Guard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/connections"));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_with_a_limit_of_5_never_exceed_5_at_the_vendor()
    {
        await using var sandbox = await SandboxHost.StartAsync(timeScale: 60);
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, await sandbox.Admin.TimeScaleAsync(), new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        // Slow answers keep calls overlapping, so an unlimited client would exceed 5.
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", delayMs = 100, count = 50 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetOrganisationAsync(tenant)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stats = await sandbox.Admin.StatsAsync("xero");
        var maxConcurrent = stats.GetProperty("maxConcurrent").GetInt32();
        Assert.InRange(maxConcurrent, 2, 5);
        Assert.Equal(0, stats.GetProperty("throttled").GetInt32());
    }

    [Fact]
    public async Task A_burst_of_200_calls_against_60_per_window_draws_no_429()
    {
        await using var sandbox = await SandboxHost.StartAsync(timeScale: 60);
        var timeScale = await sandbox.Admin.TimeScaleAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, timeScale, new InMemoryTokenStore(), http: o => o.MaxRetryAttempts = 0);
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        var watch = Stopwatch.StartNew();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetOrganisationAsync(tenant)));

        watch.Stop();
        output.WriteLine($"201 calls at time scale {timeScale}: {watch.Elapsed.TotalSeconds:0.00} s");
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stats = await sandbox.Admin.StatsAsync("xero");
        Assert.Equal(0, stats.GetProperty("throttled").GetInt32());
        // 201 calls at 60 per (60 s / 60) cannot finish in under 3 windows: the limiter really paced them.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3 * 60 / timeScale), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_post_without_an_idempotency_key_is_not_retried_after_a_503()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", method = "POST", pathContains = "/Invoices", status = 503, count = 1 });

        using var response = await client.PostInvoicesAsync(tenant, idempotencyKey: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/Invoices"));
    }

    [Fact]
    public async Task A_post_with_an_idempotency_key_is_retried_after_a_503()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", method = "POST", pathContains = "/Invoices", status = 503, count = 1 });

        using var response = await client.PostInvoicesAsync(tenant, idempotencyKey: "key-0001");

        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/Invoices"));
    }

    [Fact]
    public async Task A_dropped_connection_on_a_read_is_retried()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", reset = true, count = 1 });

        using var response = await client.GetOrganisationAsync(tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_limit_is_not_waited_but_raised()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 429, retryAfterSeconds = 3600, count = 1 });

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => client.GetOrganisationAsync(tenant));

        Assert.Equal(NodaTime.Duration.FromHours(1), ex.RetryAfter);
        Assert.Equal("xero", ex.Vendor);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }

    [Fact]
    public async Task A_429_naming_the_daily_limit_is_raised_as_a_long_window_without_retry()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new
        {
            vendor = "xero",
            pathContains = "/Organisation",
            status = 429,
            retryAfterSeconds = 5,
            count = 1,
            headers = new Dictionary<string, string> { ["X-Rate-Limit-Problem"] = "Daily" },
        });

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => client.GetOrganisationAsync(tenant));

        Assert.Equal(RateLimitKind.LongWindow, ex.Kind);
        Assert.Equal("daily limit", ex.LimitName);
        Assert.Equal(NodaTime.Duration.FromSeconds(5), ex.RetryAfter);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }

    [Fact]
    public async Task An_exhausted_local_long_window_budget_stops_before_the_vendor()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore(),
            http: o => o.Limits = XeroLikeProfile.Limits with { LongWindowBudget = 3, LongWindow = TimeSpan.FromHours(1), LongWindowName = "hourly budget" });
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        (await client.GetOrganisationAsync(tenant)).Dispose();
        (await client.GetOrganisationAsync(tenant)).Dispose();

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => client.GetOrganisationAsync(tenant));

        Assert.Equal(RateLimitKind.LongWindow, ex.Kind);
        Assert.Equal("hourly budget", ex.LimitName);
        Assert.NotNull(ex.RetryAt);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }
}
