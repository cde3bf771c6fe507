namespace WiseSync.Pipeline.Internal;

/// <summary>How one PSA company's accounting customer was settled in a run.</summary>
internal sealed record CustomerOutcome(AccountingCustomer? Customer, IReadOnlyList<string> Warnings)
{
    public string? Error { get; init; }

    public string? SkipReason { get; init; }

    public bool WouldCreate { get; init; }

    public static CustomerOutcome Failed(string error) => new(null, []) { Error = error };

    public static CustomerOutcome Skipped(string reason) => new(null, []) { SkipReason = reason };
}
