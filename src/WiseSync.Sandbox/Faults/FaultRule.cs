namespace WiseSync.Sandbox.Faults;

/// <summary>
/// One fault rule of <c>POST /_sandbox/faults</c>. Every field but <see cref="Vendor"/> is optional.
/// <see cref="Status"/> answers instead of the emulator; <see cref="Reset"/> and <see cref="Malformed"/>
/// let the emulator act, then lose or break its answer (the hard case for exactly-once writes).
/// </summary>
internal sealed record FaultRule
{
    public string Vendor { get; init; } = "";
    public string? Method { get; init; }
    public string? PathContains { get; init; }
    public int? Status { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public int? DelayMs { get; init; }
    public bool Reset { get; init; }
    public bool Malformed { get; init; }

    /// <summary>How many matching requests get the fault before the rule retires; null = until cleared.</summary>
    public int? Count { get; init; }

    /// <summary>Chance (0..1) that a matching request gets the fault; 1 when absent.</summary>
    public double? Probability { get; init; }

    /// <summary>Extra response headers for a status fault, e.g. <c>X-Rate-Limit-Problem</c>.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Vendor))
            return "vendor is required";
        if (Status is < 100 or > 599)
            return "status must be an HTTP status code";
        if (Count is < 1)
            return "count must be at least 1";
        if (Probability is < 0 or > 1)
            return "probability must be between 0 and 1";
        if (DelayMs is < 0 || RetryAfterSeconds is < 0)
            return "delayMs and retryAfterSeconds cannot be negative";
        if (Status is null && !Reset && !Malformed && DelayMs is null or 0)
            return "a rule needs a status, reset, malformed or delayMs";
        return null;
    }
}
