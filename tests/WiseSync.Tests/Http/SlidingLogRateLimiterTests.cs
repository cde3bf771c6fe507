using WiseSync.Http.Internal;

namespace WiseSync.Tests.Http;

public sealed class SlidingLogRateLimiterTests
{
    [Fact]
    public void A_permit_counts_until_a_window_after_its_lease_ends()
    {
        var time = new TimerRecordingTimeProvider();
        using var limiter = new SlidingLogRateLimiter(2, TimeSpan.FromSeconds(10), time);
        var first = limiter.AttemptAcquire();
        using var second = limiter.AttemptAcquire();
        Assert.True(first.IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        time.Advance(TimeSpan.FromSeconds(30)); // still in flight: the vendor may not have counted it yet
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        first.Dispose();
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task A_waiting_acquire_asks_the_clock_for_the_time_left_in_the_window()
    {
        var time = new TimerRecordingTimeProvider();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(10), time);
        limiter.AttemptAcquire().Dispose();
        time.Advance(TimeSpan.FromSeconds(4));

        var waiting = limiter.AcquireAsync().AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(6));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(6));
        using var lease = await waiting;
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void Vendor_quota_lowers_what_is_left()
    {
        var time = new TimerRecordingTimeProvider();
        using var limiter = new SlidingLogRateLimiter(60, TimeSpan.FromMinutes(1), time);
        limiter.Saturate(remaining: 1);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task An_exhausted_long_window_fails_with_a_retry_after()
    {
        var time = new TimerRecordingTimeProvider();
        using var limiter = new TenantRateLimiter("probe", new() { LongWindowBudget = 1, LongWindow = TimeSpan.FromHours(1), LongWindowName = "hourly budget" }, 60, time);
        (await limiter.AcquireAttemptAsync(CancellationToken.None))?.Dispose();
        var ex = await Assert.ThrowsAsync<RateLimitedException>(async () => await limiter.AcquireAttemptAsync(CancellationToken.None));
        Assert.Equal(RateLimitKind.LongWindow, ex.Kind);
        Assert.Equal("hourly budget", ex.LimitName);
        Assert.Equal(NodaTime.Duration.FromMinutes(1), ex.RetryAfter); // an hour at time scale 60
    }
}
