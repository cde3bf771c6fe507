using System.Threading.RateLimiting;

namespace WiseSync.Http.Internal;

/// <summary>One tenant's limits at one vendor: concurrency, the short window and the long-window budget.</summary>
internal sealed class TenantRateLimiter : IDisposable
{
    private readonly string _vendor;
    private readonly VendorRateLimits _limits;
    private readonly TimeProvider _time;
    private readonly ConcurrencyLimiter? _concurrency;
    private readonly SlidingLogRateLimiter? _window;
    private readonly SlidingLogRateLimiter? _longWindow;

    public TenantRateLimiter(string vendor, VendorRateLimits limits, double timeScale, TimeProvider time)
    {
        _vendor = vendor;
        _limits = limits;
        _time = time;
        if (limits.MaxConcurrent > 0)
        {
            _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.MaxConcurrent,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }

        if (limits.RequestsPerWindow > 0)
        {
            _window = new SlidingLogRateLimiter(limits.RequestsPerWindow, limits.Window / timeScale, time);
        }

        if (limits.LongWindowBudget > 0)
        {
            _longWindow = new SlidingLogRateLimiter(limits.LongWindowBudget, limits.LongWindow / timeScale, time);
        }
    }

    /// <summary>A slot among the concurrent calls, held for the whole call (retries included).</summary>
    public async ValueTask<IDisposable?> AcquireCallAsync(CancellationToken cancellationToken) =>
        _concurrency is null ? null : await _concurrency.AcquireAsync(1, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Permits for one attempt: every attempt is a request the vendor counts. An exhausted long window throws at
    /// once (waiting out a day is the caller's decision); the short window is waited out.
    /// </summary>
    public async ValueTask<IDisposable?> AcquireAttemptAsync(CancellationToken cancellationToken)
    {
        RateLimitLease? longLease = null;
        if (_longWindow is not null)
        {
            longLease = _longWindow.AttemptAcquire(1);
            if (!longLease.IsAcquired)
            {
                var retryAfter = longLease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                longLease.Dispose();
                throw LongWindowExhausted(_limits.LongWindowName, retryAfter ?? _longWindow.Window);
            }
        }

        if (_window is null)
        {
            return longLease;
        }

        try
        {
            var lease = await _window.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            return new Leases(lease, longLease);
        }
        catch
        {
            longLease?.Dispose();
            throw;
        }
    }

    /// <summary>Takes in what the vendor says remains.</summary>
    public void Observe(VendorQuota? quota)
    {
        if (quota?.WindowRemaining is { } shortRemaining)
        {
            _window?.Saturate(shortRemaining);
        }

        if (quota?.LongWindowRemaining is { } longRemaining)
        {
            _longWindow?.Saturate(longRemaining);
        }
    }

    public RateLimitedException LongWindowExhausted(string limitName, TimeSpan retryAfter)
    {
        var duration = Duration.FromTimeSpan(retryAfter);
        return new RateLimitedException(_vendor, RateLimitKind.LongWindow, limitName, duration,
            Instant.FromDateTimeOffset(_time.GetUtcNow()) + duration);
    }

    public void Dispose()
    {
        _concurrency?.Dispose();
        _window?.Dispose();
        _longWindow?.Dispose();
    }

    private sealed class Leases(RateLimitLease first, RateLimitLease? second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second?.Dispose();
        }
    }
}
