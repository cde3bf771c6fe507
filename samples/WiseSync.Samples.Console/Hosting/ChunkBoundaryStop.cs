namespace WiseSync.Samples;

/// <summary>
/// Turns a stop request (Ctrl+C, host shutdown) into a cancellation of the run at the next chunk boundary.
/// </summary>
/// <remarks>
/// <see cref="SyncPipeline.RunAsync"/> reports progress only after a chunk's writes (accounting, ledger, PSA mark) are done,
/// so cancelling from the progress callback stops the run between chunks instead of in the middle of one. A run that
/// reports nothing more simply finishes.
/// </remarks>
internal sealed class ChunkBoundaryStop : IProgress<SyncProgress>, IDisposable
{
    private readonly CancellationTokenSource _run = new();
    private readonly CancellationTokenRegistration _registration;
    private readonly IProgress<SyncProgress>? _inner;
    private volatile bool _stopRequested;

    public ChunkBoundaryStop(CancellationToken stopRequested, IProgress<SyncProgress>? inner = null)
    {
        _inner = inner;
        _registration = stopRequested.Register(() => _stopRequested = true);
    }

    /// <summary>The token to pass to <see cref="SyncPipeline.RunAsync"/>.</summary>
    public CancellationToken Token => _run.Token;

    /// <summary>True once a stop was asked for.</summary>
    public bool StopRequested => _stopRequested;

    public void Report(SyncProgress value)
    {
        _inner?.Report(value);
        if (_stopRequested && !_run.IsCancellationRequested)
        {
            _run.Cancel();
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _run.Dispose();
    }
}
