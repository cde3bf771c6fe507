namespace WiseSync.Sandbox.RateLimiting;

/// <summary>
/// Emulates a vendor's limits per tenant: a concurrency cap per scope and rolling request windows, each window
/// divided by the time-scale. Rejected requests do not count toward the windows.
/// </summary>
internal sealed class VendorRateLimiter
{
    public const string ConcurrentProblem = "Concurrent";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly bool _enforce;
    private readonly (RateWindow Window, TimeSpan Scaled)[] _windows;
    private readonly Dictionary<string, Queue<long>> _hits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    public VendorRateLimiter(VendorRateLimitPolicy policy, double timeScale, TimeProvider time, bool enforce)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeScale);
        Policy = policy;
        _time = time;
        _enforce = enforce;
        _windows = policy.Windows.Select(w => (w, TimeSpan.FromTicks((long)(w.Length.Ticks / timeScale)))).ToArray();
    }

    public VendorRateLimitPolicy Policy { get; }

    /// <summary>
    /// Arrival jitter forgiven at a window's edge: a client that paces exactly to the limit sends its request a
    /// few milliseconds before the sandbox sees it, so the oldest hit may still look inside the window.
    /// </summary>
    private static TimeSpan Tolerance(TimeSpan window) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(20).Ticks, window.Ticks / 50));

    public RateLimitDecision TryAcquire(string tenant, string concurrencyScope)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            var inFlight = _inFlight.GetValueOrDefault(concurrencyScope);
            if (_enforce && Policy.MaxConcurrent > 0 && inFlight >= Policy.MaxConcurrent)
                return new RateLimitDecision(false, ConcurrentProblem, TimeSpan.FromSeconds(1), RemainingLocked(tenant, now), null);

            foreach (var (window, scaled) in _windows)
            {
                var queue = Hits(window, tenant);
                Trim(queue, now, scaled);
                if (_enforce && queue.Count >= window.Limit)
                {
                    var oldestAge = _time.GetElapsedTime(queue.Peek(), now);
                    return new RateLimitDecision(false, window.Name, scaled - oldestAge, RemainingLocked(tenant, now), null);
                }
            }

            foreach (var (window, _) in _windows)
                Hits(window, tenant).Enqueue(now);
            _inFlight[concurrencyScope] = inFlight + 1;
            return new RateLimitDecision(true, null, TimeSpan.Zero, RemainingLocked(tenant, now), () => Release(concurrencyScope));
        }
    }

    /// <summary>Requests counted in the named window for a tenant right now.</summary>
    public int Used(string tenant, string windowName)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            var (window, scaled) = _windows.First(w => w.Window.Name == windowName);
            var queue = Hits(window, tenant);
            Trim(queue, now, scaled);
            return queue.Count;
        }
    }

    public void Reset()
    {
        lock (_gate)
            _hits.Clear();
    }

    private void Release(string scope)
    {
        lock (_gate)
        {
            var left = _inFlight.GetValueOrDefault(scope) - 1;
            if (left <= 0)
                _inFlight.Remove(scope);
            else
                _inFlight[scope] = left;
        }
    }

    private Dictionary<string, int> RemainingLocked(string tenant, long now)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (window, scaled) in _windows)
        {
            var queue = Hits(window, tenant);
            Trim(queue, now, scaled);
            remaining[window.Name] = Math.Max(0, window.Limit - queue.Count);
        }

        return remaining;
    }

    private Queue<long> Hits(RateWindow window, string tenant)
    {
        var key = window.AppWide ? window.Name : window.Name + "\n" + tenant;
        if (!_hits.TryGetValue(key, out var queue))
            _hits[key] = queue = new Queue<long>();
        return queue;
    }

    private void Trim(Queue<long> queue, long now, TimeSpan window)
    {
        var keep = window - Tolerance(window);
        while (queue.Count > 0 && _time.GetElapsedTime(queue.Peek(), now) >= keep)
            queue.Dequeue();
    }
}
