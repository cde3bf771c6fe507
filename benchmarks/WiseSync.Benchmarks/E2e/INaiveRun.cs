namespace WiseSync.Benchmarks.E2e;

/// <summary>A naive baseline: one invoice at a time, the way vendor samples read.</summary>
internal interface INaiveRun
{
    /// <summary>Invoices created in the accounting system.</summary>
    int Posted { get; }

    Task RunAsync(string thruDate, CancellationToken cancellationToken);
}
