namespace WiseSync.Sandbox.Faults;

/// <summary>The body of <c>POST /_sandbox/faults</c>.</summary>
internal sealed record FaultDocument
{
    public IReadOnlyList<FaultRule> Rules { get; init; } = [];
}
