using Microsoft.Extensions.Logging;

namespace WiseSync.Pipeline.Internal;

internal static partial class PipelineLog
{
    [LoggerMessage(1, LogLevel.Information, "Sync {Action} of connection {Connection} started as batch {BatchId} with {Count} invoice(s)")]
    public static partial void RunStarted(ILogger logger, SyncAction action, string connection, string batchId, int count);

    [LoggerMessage(2, LogLevel.Information, "Batch {BatchId} finished: {Success} success, {Warning} warning, {Error} error")]
    public static partial void RunFinished(ILogger logger, string batchId, int success, int warning, int error);

    [LoggerMessage(3, LogLevel.Warning, "Chunk {Chunk} of batch {BatchId} failed at {Step}")]
    public static partial void ChunkFailed(ILogger logger, Exception exception, int chunk, string batchId, string step);

    [LoggerMessage(4, LogLevel.Warning, "Batch {BatchId} stopped: {Reason}")]
    public static partial void RunStopped(ILogger logger, string batchId, string reason);

    [LoggerMessage(5, LogLevel.Information, "Recovery of connection {Connection}: {Open} open intent(s), {Completed} completed, {Abandoned} released")]
    public static partial void Recovered(ILogger logger, string connection, int open, int completed, int abandoned);

    [LoggerMessage(6, LogLevel.Warning, "Recovery of connection {Connection} could not finish; the open intents stay for the next run")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string connection);

    [LoggerMessage(7, LogLevel.Warning, "Invoice {InvoiceId} of batch {BatchId} could not be prepared")]
    public static partial void InvoicePrepareFailed(ILogger logger, Exception exception, string invoiceId, string batchId);
}
