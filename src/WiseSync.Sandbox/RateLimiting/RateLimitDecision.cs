namespace WiseSync.Sandbox.RateLimiting;

/// <summary>
/// The answer of <see cref="VendorRateLimiter.TryAcquire"/>. When allowed it holds a concurrency slot until disposed.
/// <see cref="Problem"/> is "Concurrent" or the name of the exhausted window.
/// </summary>
internal sealed class RateLimitDecision : IDisposable
{
    private Action? _release;

    public RateLimitDecision(bool allowed, string? problem, TimeSpan retryAfter, IReadOnlyDictionary<string, int> remaining, Action? release)
    {
        Allowed = allowed;
        Problem = problem;
        RetryAfter = retryAfter;
        Remaining = remaining;
        _release = release;
    }

    public bool Allowed { get; }
    public string? Problem { get; }

    /// <summary>Real (scaled) time until the request would be allowed.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Requests left per window name after this one.</summary>
    public IReadOnlyDictionary<string, int> Remaining { get; }

    /// <summary><see cref="RetryAfter"/> in whole seconds, at least 1, as the Retry-After header carries it.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
