using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WiseSync.Sandbox.RateLimiting;

namespace WiseSync.Sandbox.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Xero_answers_the_61st_call_in_a_minute_with_429_and_its_headers_then_recovers()
    {
        var time = SandboxFixture.ManualClock();
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions(), time);
        var (access, _) = await sandbox.XeroTokensAsync();

        HttpResponseMessage? last = null;
        for (var i = 0; i < 60; i++)
        {
            last?.Dispose();
            last = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }

        Assert.Equal("0", last!.Headers.GetValues("X-MinLimit-Remaining").Single());
        Assert.Equal("4940", last.Headers.GetValues("X-DayLimit-Remaining").Single());
        last.Dispose();
        time.Advance(TimeSpan.FromSeconds(20));
        using var throttled = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));
        time.Advance(TimeSpan.FromSeconds(40));
        using var recovered = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("minute", throttled.Headers.GetValues("X-Rate-Limit-Problem").Single());
        Assert.Equal(TimeSpan.FromSeconds(40), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(1, sandbox.Server.GetStats()["xero"].Throttled);
    }

    [Fact]
    public async Task Time_scale_shrinks_the_window()
    {
        var time = SandboxFixture.ManualClock();
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { TimeScale = 60 }, time);
        var (access, _) = await sandbox.XeroTokensAsync();
        for (var i = 0; i < 60; i++)
            (await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access))).Dispose();

        using var throttled = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));
        time.Advance(TimeSpan.FromSeconds(1)); // one vendor minute at 60x
        using var allowed = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task With_rate_limits_off_the_sandbox_never_throttles()
    {
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { RateLimits = false }, SandboxFixture.ManualClock());
        var (access, _) = await sandbox.XeroTokensAsync();

        for (var i = 0; i < 70; i++)
        {
            using var response = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task QuickBooks_throttles_with_fault_3001_after_500_calls_in_a_minute()
    {
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions(), SandboxFixture.ManualClock());
        using var token = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();

        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "quickbooks/v3/company/9130000000000001/companyinfo/9130000000000001");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
            return request;
        }

        for (var i = 0; i < 500; i++)
            (await sandbox.Http.SendAsync(Request())).Dispose();
        using var throttled = await sandbox.Http.SendAsync(Request());
        var fault = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync()).RootElement.GetProperty("Fault");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("3001", fault.GetProperty("Error")[0].GetProperty("code").GetString());
        var stats = sandbox.Server.GetStats()["quickbooks"];
        Assert.Equal(501, stats.ByRoute["GET /companyinfo/{id}"]);
        Assert.Equal(1, stats.ByStatus["429"]);
        Assert.Equal(1, stats.Throttled);
    }

    [Fact]
    public void Concurrency_cap_rejects_the_extra_request_until_a_slot_is_released()
    {
        var limiter = new VendorRateLimiter(new VendorRateLimitPolicy(5, [new RateWindow("Minute", 60, TimeSpan.FromMinutes(1))]), 1, SandboxFixture.ManualClock(), enforce: true);

        var held = Enumerable.Range(0, 5).Select(_ => limiter.TryAcquire("t", "t")).ToList();
        using var sixth = limiter.TryAcquire("t", "t");
        using var otherTenant = limiter.TryAcquire("u", "u");
        held[0].Dispose();
        using var afterRelease = limiter.TryAcquire("t", "t");

        Assert.All(held, d => Assert.True(d.Allowed));
        Assert.False(sixth.Allowed);
        Assert.Equal(VendorRateLimiter.ConcurrentProblem, sixth.Problem);
        Assert.True(otherTenant.Allowed);
        Assert.True(afterRelease.Allowed);
        held.ForEach(d => d.Dispose());
    }

    [Fact]
    public void Daily_budget_is_a_rolling_window_named_in_the_problem()
    {
        var time = SandboxFixture.ManualClock();
        var limiter = new VendorRateLimiter(new VendorRateLimitPolicy(0, [new RateWindow("Minute", 60, TimeSpan.FromMinutes(1)), new RateWindow("Daily", 100, TimeSpan.FromDays(1))]), 1, time, enforce: true);

        for (var i = 0; i < 100; i++)
        {
            using var ok = limiter.TryAcquire("t", "t");
            Assert.True(ok.Allowed);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        using var refused = limiter.TryAcquire("t", "t");
        time.Advance(refused.RetryAfter);
        using var later = limiter.TryAcquire("t", "t");

        Assert.False(refused.Allowed);
        Assert.Equal("Daily", refused.Problem);
        Assert.Equal(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(100), refused.RetryAfter);
        Assert.True(later.Allowed);
    }

    [Fact]
    public void A_client_pacing_exactly_at_the_limit_is_not_throttled_by_arrival_jitter()
    {
        var time = SandboxFixture.ManualClock();
        var limiter = new VendorRateLimiter(new VendorRateLimitPolicy(0, [new RateWindow("Minute", 60, TimeSpan.FromMinutes(1))]), 60, time, enforce: true);

        for (var i = 0; i < 60; i++)
        {
            using var ok = limiter.TryAcquire("t", "t");
            Assert.True(ok.Allowed);
        }

        time.Advance(TimeSpan.FromMilliseconds(970)); // the window is 1 s at 60x: 30 ms early is too early
        using var early = limiter.TryAcquire("t", "t");
        time.Advance(TimeSpan.FromMilliseconds(15)); // 15 ms early is arrival jitter, forgiven
        using var atEdge = limiter.TryAcquire("t", "t");

        Assert.False(early.Allowed);
        Assert.True(atEdge.Allowed);
    }
}
