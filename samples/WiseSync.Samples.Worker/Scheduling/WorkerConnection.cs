namespace WiseSync.Samples.Worker.Scheduling;

/// <summary>A connection the worker runs.</summary>
/// <param name="Name">The WiseSync connection name.</param>
public sealed record WorkerConnection(string Name);
