namespace WiseSync.Sandbox.RateLimiting;

/// <summary>
/// A rolling window: at most <see cref="Limit"/> requests in any <see cref="Length"/> (vendor time; the sandbox
/// divides it by the time-scale). <see cref="AppWide"/> windows count every tenant together.
/// </summary>
internal sealed record RateWindow(string Name, int Limit, TimeSpan Length, bool AppWide = false);
