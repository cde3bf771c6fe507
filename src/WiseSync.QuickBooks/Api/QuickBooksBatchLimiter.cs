using System.Threading.RateLimiting;

namespace WiseSync.QuickBooks.Api;

/// <summary>
/// QBO allows 40 batch requests per minute per realm and app (reference Part 2.3), beside the 500/min that the
/// plumbing's tenant limiter enforces; this paces /batch calls of one connection.
/// </summary>
internal sealed class QuickBooksBatchLimiter : IDisposable
{
    private readonly SlidingWindowRateLimiter _limiter;

    public QuickBooksBatchLimiter(int perMinute, double timeScale)
    {
        _limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1) / Math.Max(timeScale, 1e-6),
            SegmentsPerWindow = 6,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken) =>
        await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _limiter.Dispose();
}
