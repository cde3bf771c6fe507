namespace WiseSync.Sandbox.Recording;

/// <summary>Traffic counters of one vendor; thread-safe.</summary>
internal sealed class VendorStats
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _byRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byStatus = new(StringComparer.Ordinal);
    private int _requests;
    private int _throttled;
    private int _inFlight;
    private int _maxConcurrent;

    public void Begin()
    {
        lock (_gate)
        {
            _inFlight++;
            _maxConcurrent = Math.Max(_maxConcurrent, _inFlight);
        }
    }

    public void End(string route, int status)
    {
        lock (_gate)
        {
            _inFlight--;
            _requests++;
            if (status == StatusCodes.Status429TooManyRequests)
                _throttled++;
            _byRoute[route] = _byRoute.GetValueOrDefault(route) + 1;
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _byStatus[key] = _byStatus.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Zeroes the counters; requests still in flight keep counting toward the new max.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests = 0;
            _throttled = 0;
            _maxConcurrent = _inFlight;
            _byRoute.Clear();
            _byStatus.Clear();
        }
    }

    public SandboxVendorStats Snapshot()
    {
        lock (_gate)
        {
            return new SandboxVendorStats
            {
                Requests = _requests,
                Throttled = _throttled,
                MaxConcurrent = _maxConcurrent,
                ByRoute = new SortedDictionary<string, int>(_byRoute, StringComparer.Ordinal),
                ByStatus = new SortedDictionary<string, int>(_byStatus, StringComparer.Ordinal),
            };
        }
    }
}
