namespace WiseSync.Sandbox.Autotask;

/// <summary>
/// Autotask's two limits (reference/psa-apis.md §1.9): 3 concurrent threads per integration code and endpoint
/// (HTTP 429 beyond), and a rolling hourly request threshold per database shared by every integration, whose
/// hour runs <c>timeScale</c> times faster in the sandbox.
/// </summary>
internal sealed class AutotaskLimits(TimeProvider time, double timeScale, int hourlyThreshold, int threadsPerEndpoint)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EndpointThreads> _threads = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<DateTimeOffset> _recent = new();

    public int HourlyThreshold { get; } = hourlyThreshold;

    public int ThreadsPerEndpoint { get; } = threadsPerEndpoint;

    /// <summary>The length of Autotask's hour at this sandbox's time scale.</summary>
    public TimeSpan Hour { get; } = TimeSpan.FromHours(1) / Math.Max(timeScale, 1e-9);

    /// <summary>Requests counted in the current rolling hour.</summary>
    public int CurrentCount
    {
        get
        {
            lock (_gate)
            {
                Expire(time.GetUtcNow());
                return _recent.Count;
            }
        }
    }

    /// <summary>Counts a request against the hourly threshold; returns the time to wait when it is exceeded.</summary>
    public TimeSpan? CountRequest()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Expire(now);
            if (_recent.Count >= HourlyThreshold)
            {
                var wait = _recent.Peek() + Hour - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
            }

            _recent.Enqueue(now);
            return null;
        }
    }

    /// <summary>Takes a thread of the endpoint, or null when all its threads are busy.</summary>
    public IDisposable? TryEnter(string integrationCode, string endpoint)
    {
        var key = $"{integrationCode}|{endpoint}";
        lock (_gate)
        {
            if (!_threads.TryGetValue(key, out var threads))
            {
                threads = new EndpointThreads(endpoint);
                _threads[key] = threads;
            }

            if (threads.Active >= ThreadsPerEndpoint)
            {
                threads.Rejected++;
                return null;
            }

            threads.Active++;
            threads.MaxActive = Math.Max(threads.MaxActive, threads.Active);
            return new Release(this, threads);
        }
    }

    /// <summary>Per endpoint: the most threads seen at once and the requests refused for want of one.</summary>
    public IReadOnlyList<(string Endpoint, int MaxConcurrent, int Rejected)> Snapshot()
    {
        lock (_gate)
        {
            return _threads.Values
                .GroupBy(t => t.Endpoint, StringComparer.OrdinalIgnoreCase)
                .Select(g => (g.Key, g.Max(t => t.MaxActive), g.Sum(t => t.Rejected)))
                .OrderBy(t => t.Key, StringComparer.Ordinal)
                .ToArray();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _threads.Clear();
            _recent.Clear();
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_recent.Count > 0 && _recent.Peek() + Hour <= now)
        {
            _recent.Dequeue();
        }
    }

    private sealed class EndpointThreads(string endpoint)
    {
        public string Endpoint { get; } = endpoint;

        public int Active { get; set; }

        public int MaxActive { get; set; }

        public int Rejected { get; set; }
    }

    private sealed class Release(AutotaskLimits owner, EndpointThreads threads) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lock (owner._gate)
                {
                    threads.Active--;
                }
            }
        }
    }
}
