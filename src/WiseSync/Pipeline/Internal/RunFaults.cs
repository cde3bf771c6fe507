namespace WiseSync.Pipeline.Internal;

/// <summary>Which caught exceptions a step handles (a red light, a stop) and which end the run.</summary>
internal static class RunFaults
{
    /// <summary>
    /// Whether a caught exception is a failure of the step (a red light, a stop) rather than the run's end: not a cancellation
    /// the caller asked for, and not the ledger failing — without the durable record nothing can be recorded, so that ends
    /// the run (the next run reconciles whatever was in flight).
    /// </summary>
    public static bool IsFailure(Exception exception, CancellationToken cancellationToken) =>
        (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && !IsLedgerFault(exception);

    private static bool IsLedgerFault(Exception exception) =>
        exception is LedgerException or Microsoft.Data.Sqlite.SqliteException || (exception.InnerException is { } inner && IsLedgerFault(inner));
}
