using System.Diagnostics;
using NodaTime;
using WiseSync.Tests.Auth;

namespace WiseSync.Tests.Http;

/// <summary>
/// A vendor asking for a long wait (issue 17 item 6): beyond MaxRetryAfter, or beyond what the call has left, the call stops
/// at once with a long-window <see cref="RateLimitedException"/> and the resume time, whatever the status.
/// </summary>
public sealed class LongRetryAfterTests
{
    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task A_Retry_After_of_two_hours_stops_the_call_at_once_with_the_resume_time(int status)
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status, retryAfterSeconds = 7200, count = 5 });
        var before = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => client.GetOrganisationAsync(tenant));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(RateLimitKind.LongWindow, ex.Kind);
        Assert.InRange(ex.RetryAt!.Value, before + Duration.FromSeconds(7190), before + Duration.FromSeconds(7300));
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_what_the_call_has_left_stops_it_instead_of_timing_out()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore(), http: o => o.TotalTimeout = TimeSpan.FromSeconds(20));
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        // 60 s is within MaxRetryAfter (2 min), but not within the call's 20 s.
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 503, retryAfterSeconds = 60, count = 1 });

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => client.GetOrganisationAsync(tenant));

        Assert.Equal(RateLimitKind.LongWindow, ex.Kind);
        Assert.Equal(Duration.FromSeconds(60), ex.RetryAfter);
    }

    [Fact]
    public async Task A_short_Retry_After_on_a_503_is_still_waited_out()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 503, retryAfterSeconds = 0, count = 2 });

        using var response = await client.GetOrganisationAsync(tenant);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(3, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }
}
