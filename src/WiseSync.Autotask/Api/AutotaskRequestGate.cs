using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using NodaTime;

namespace WiseSync.Autotask.Api;

/// <summary>
/// Keeps one connection inside Autotask's limits (reference/psa-apis.md §1.9): at most
/// <see cref="AutotaskOptions.MaxThreadsPerEndpoint"/> requests in flight per endpoint, and at most its share of the
/// database's hourly request threshold in any rolling hour. When that share is spent the request is not sent:
/// the caller gets a <see cref="RateLimitedException"/> of kind <see cref="RateLimitKind.LongWindow"/>.
/// </summary>
internal sealed class AutotaskRequestGate : IDisposable
{
    private const int WindowSegments = 60;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly SlidingWindowRateLimiter _hourly;
    private readonly int _threads;

    public AutotaskRequestGate(AutotaskOptions options)
    {
        _threads = options.MaxThreadsPerEndpoint;
        Budget = Math.Max(1, (int)Math.Floor(options.HourlyRequestThreshold * options.ApiBudgetShare));
        Hour = TimeSpan.FromHours(1) / options.TimeScale;
        _hourly = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Budget,
            Window = Hour,
            SegmentsPerWindow = WindowSegments,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Requests this connection may send per rolling hour.</summary>
    public int Budget { get; }

    /// <summary>Autotask's hour, shortened by the sandbox time scale.</summary>
    public TimeSpan Hour { get; }

    public async Task<IDisposable> EnterAsync(string endpoint, CancellationToken cancellationToken)
    {
        var lease = _hourly.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new RateLimitedException(
                AutotaskErrorMapper.Vendor,
                RateLimitKind.LongWindow,
                $"share of the hourly request threshold ({Budget} requests per hour)",
                Duration.FromTimeSpan(Hour / WindowSegments));
        }

        lease.Dispose();
        var threads = _endpoints.GetOrAdd(endpoint, _ => new SemaphoreSlim(_threads, _threads));
        await threads.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(threads);
    }

    public void Dispose()
    {
        _hourly.Dispose();
        foreach (var semaphore in _endpoints.Values)
        {
            semaphore.Dispose();
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
