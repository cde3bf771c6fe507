using System.Threading.RateLimiting;

namespace WiseSync.Http.Internal;

/// <summary>
/// At most <c>limit</c> requests in any <c>window</c>, on an injected <see cref="TimeProvider"/>. A permit is counted
/// from acquisition until one window after its lease ends: the vendor counts a request when it arrives, which is
/// somewhere between our acquire and our response, so stamping the end keeps every vendor window — fixed or sliding,
/// whatever its clock — at or under the limit, where a segmented sliding window could overshoot by a segment.
/// </summary>
internal sealed class SlidingLogRateLimiter : RateLimiter
{
    private readonly object _sync = new();
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly Queue<long> _ended = new();
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private int _inFlight;
    private long _successful;
    private long _failed;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SlidingLogRateLimiter(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _limit = limit;
        _window = window;
        _time = time;
    }

    public override TimeSpan? IdleDuration => null;

    public int Limit => _limit;

    public TimeSpan Window => _window;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_sync)
        {
            Prune();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _limit - _inFlight - _ended.Count,
                CurrentQueuedCount = _queue.CurrentCount == 0 ? 1 : 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <summary>Lowers what is available to <paramref name="remaining"/> for one window (the vendor knows better).</summary>
    public void Saturate(int remaining)
    {
        lock (_sync)
        {
            Prune();
            var available = _limit - _inFlight - _ended.Count;
            var now = _time.GetTimestamp();
            for (var i = Math.Max(0, remaining); i < available; i++)
            {
                _ended.Enqueue(now);
            }
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_sync)
        {
            return (RateLimitLease?)TryAcquire(permitCount, out var retryAfter) ?? new FailedLease(retryAfter);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _limit);
        // One waiter at a time keeps waiters in arrival order and wakes one timer per window slot, not a herd.
        await _queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                Task wait;
                lock (_sync)
                {
                    if (TryAcquire(permitCount, out var retryAfter) is { } lease)
                    {
                        return lease;
                    }

                    wait = retryAfter is { } delay ? Task.Delay(delay, _time, cancellationToken) : _released.Task.WaitAsync(cancellationToken);
                }

                await wait.ConfigureAwait(false);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _queue.Dispose();
        }

        base.Dispose(disposing);
    }

    private Lease? TryAcquire(int permitCount, out TimeSpan? retryAfter)
    {
        Prune();
        if (_inFlight + _ended.Count + permitCount <= _limit)
        {
            _inFlight += permitCount;
            _successful++;
            retryAfter = null;
            return new Lease(this, permitCount);
        }

        _failed++;
        // With no finished permit to age out, only a release (which then ages out) frees a slot.
        retryAfter = _ended.TryPeek(out var oldest) ? _time.GetElapsedTime(_time.GetTimestamp(), oldest + ToTicks(_window)) : null;
        if (retryAfter < TimeSpan.Zero)
        {
            retryAfter = TimeSpan.Zero;
        }

        return null;
    }

    private void Prune()
    {
        var now = _time.GetTimestamp();
        var window = ToTicks(_window);
        while (_ended.TryPeek(out var stamp) && now - stamp >= window)
        {
            _ended.Dequeue();
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void Release(int permitCount)
    {
        TaskCompletionSource released;
        lock (_sync)
        {
            _inFlight -= permitCount;
            var now = _time.GetTimestamp();
            for (var i = 0; i < permitCount; i++)
            {
                _ended.Enqueue(now);
            }

            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    private sealed class Lease(SlidingLogRateLimiter owner, int permitCount) : RateLimitLease
    {
        private int _disposed;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(permitCount);
            }

            base.Dispose(disposing);
        }
    }

    private sealed class FailedLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
