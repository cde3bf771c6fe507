namespace WiseSync.Samples.Worker.Scheduling;

/// <summary>Hears about the worker's runs (a host's dashboard, or a test awaiting a signal).</summary>
public interface ISyncRunObserver
{
    /// <summary>A run reported progress.</summary>
    void OnProgress(string connection, SyncProgress progress);

    /// <summary>A run finished.</summary>
    void OnCompleted(string connection, SyncReport report);

    /// <summary>A run stopped between chunks because the worker is stopping.</summary>
    void OnStopped(string connection);

    /// <summary>A run failed (configuration, a held lease, a vendor outage); the worker goes on.</summary>
    void OnFailed(string connection, Exception exception);
}
