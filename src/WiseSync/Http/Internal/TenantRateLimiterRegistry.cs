using System.Collections.Concurrent;

namespace WiseSync.Http.Internal;

/// <summary>
/// Keeps one <see cref="TenantRateLimiter"/> per client (vendor + connection) for the life of the container:
/// IHttpClientFactory recycles handlers every few minutes, and the limits must survive that.
/// </summary>
internal sealed class TenantRateLimiterRegistry(TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TenantRateLimiter>> _limiters = new(StringComparer.Ordinal);

    public TenantRateLimiter Get(string clientName, string vendor, VendorHttpOptions options) =>
        _limiters.GetOrAdd(clientName, _ => new Lazy<TenantRateLimiter>(() => new TenantRateLimiter(vendor, options.Limits, options.TimeScale, time))).Value;

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values.Where(l => l.IsValueCreated))
        {
            limiter.Value.Dispose();
        }
    }
}
