namespace WiseSync.Reliability.Tests.Tokens;

/// <summary>
/// The token trials start many harness and sandbox processes: one collection, so they run one class after another instead
/// of starving each other (and their timing assertions) on a small machine; other collections still run beside them.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class TokenTrials
{
    public const string Collection = "Token trials";
}
