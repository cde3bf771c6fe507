using System.Collections.Concurrent;
using System.Diagnostics;

namespace WiseSync.Benchmarks.E2e;

/// <summary>
/// The round trips one run's clients measured, per vendor: the time from handing a request to the socket handler to
/// having its answer's headers. Vendor = the sandbox route prefix ("/autotask/...", "/xero/...").
/// </summary>
internal sealed class RoundTrips
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _seconds = new(StringComparer.Ordinal);

    public void Record(Uri? uri, TimeSpan elapsed)
    {
        var vendor = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        _seconds.GetOrAdd(vendor, _ => []).Add(elapsed.TotalSeconds);
    }

    /// <summary>The median round trip to <paramref name="vendor"/> in seconds, 0 when the run made no call to it.</summary>
    public double MedianSeconds(string vendor)
    {
        if (!_seconds.TryGetValue(vendor, out var bag) || bag.IsEmpty)
        {
            return 0;
        }

        var sorted = bag.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// Times each request. Placed innermost (next to the socket handler), so a provider's own limiter or retry waits
    /// are not part of a round trip.
    /// </summary>
    public DelegatingHandler Timer() => new TimingHandler(this);

    private sealed class TimingHandler(RoundTrips trips) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            trips.Record(request.RequestUri, Stopwatch.GetElapsedTime(start));
            return response;
        }
    }
}
