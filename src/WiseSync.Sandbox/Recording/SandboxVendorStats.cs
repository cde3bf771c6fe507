namespace WiseSync.Sandbox;

/// <summary>What one vendor's emulator has answered since the start or the last reset (<c>GET /_sandbox/stats</c>).</summary>
public sealed class SandboxVendorStats
{
    /// <summary>Requests answered (every status, faults included).</summary>
    public required int Requests { get; init; }

    /// <summary>Requests answered 429.</summary>
    public required int Throttled { get; init; }

    /// <summary>Most requests in flight at once.</summary>
    public required int MaxConcurrent { get; init; }

    /// <summary>Counts per "METHOD /vendor/path" with the prefix and ids removed, e.g. "PUT /Invoices".</summary>
    public required IReadOnlyDictionary<string, int> ByRoute { get; init; }

    /// <summary>Counts per HTTP status code ("200", "429", ...).</summary>
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
}
