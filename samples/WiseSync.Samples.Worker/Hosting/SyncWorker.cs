using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync.Samples.Worker.Scheduling;

namespace WiseSync.Samples.Worker.Hosting;

/// <summary>
/// Runs a sync per configured connection on its schedule, through the SDK's <see cref="ISyncPipelineFactory"/>.
/// Stopping (Ctrl+C) lets the current chunk finish: the run's token is cancelled at the next chunk boundary.
/// </summary>
internal sealed partial class SyncWorker(
    IEnumerable<WorkerConnection> connections,
    ISyncPipelineFactory pipelines,
    IOptionsMonitor<SyncScheduleOptions> schedules,
    SyncTrigger trigger,
    IClock clock,
    TimeProvider time,
    IEnumerable<ISyncRunObserver> observers,
    ILogger<SyncWorker> logger) : BackgroundService
{
    private readonly IReadOnlyList<ISyncRunObserver> _observers = observers.ToList();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = connections.Select(c => RunConnectionAsync(c.Name, stoppingToken)).ToList();
        if (loops.Count == 0)
        {
            NoConnections(logger);
        }

        return Task.WhenAll(loops);
    }

    private async Task RunConnectionAsync(string name, CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first run.
        await Task.Yield();
        var schedule = schedules.Get(name);
        using var timer = schedule.Mode == SyncScheduleMode.Interval ? new PeriodicTimer(schedule.Interval, time) : null;
        Scheduled(logger, name, schedule.Mode, schedule.Interval);
        try
        {
            if (timer is not null)
            {
                await RunOnceAsync(name, schedule, stoppingToken);
            }

            var tick = timer?.WaitForNextTickAsync(stoppingToken).AsTask();
            var manual = trigger.WaitAsync(name, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var fired = tick is null ? await Task.WhenAny(manual) : await Task.WhenAny(tick, manual);
                await fired;
                if (fired == tick)
                {
                    tick = timer!.WaitForNextTickAsync(stoppingToken).AsTask();
                }
                else
                {
                    manual = trigger.WaitAsync(name, stoppingToken);
                }

                await RunOnceAsync(name, schedules.Get(name), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing is running between runs.
        }
    }

    private async Task RunOnceAsync(string name, SyncScheduleOptions schedule, CancellationToken stoppingToken)
    {
        using var stop = new ChunkBoundaryStop(stoppingToken, new ObserverProgress(name, _observers));
        try
        {
            var pipeline = pipelines.Create(name);
            var request = new SyncRequest(schedule.Action, Today(schedule));
            RunStarting(logger, name, schedule.Action, request.ThruDate);
            var report = await pipeline.RunAsync(request, stop, stop.Token);
            RunFinished(logger, name, report.BatchId, report.Totals.Invoices, report.Totals.Success, report.Totals.Warning, report.Totals.Error);
            if (report.StoppedReason is { } reason)
            {
                // A vendor limit or a long Retry-After: the invoices not reached are amber "not attempted"; a later run posts them.
                RunStoppedEarly(logger, name, report.BatchId, reason);
            }
            foreach (var observer in _observers)
            {
                observer.OnCompleted(name, report);
            }
        }
        catch (OperationCanceledException) when (stop.StopRequested)
        {
            RunStopped(logger, name);
            foreach (var observer in _observers)
            {
                observer.OnStopped(name);
            }

            throw;
        }
        catch (LedgerException ex)
        {
            // The message names the file and the remedy; a stack trace would only hide it.
            LedgerUnusable(logger, name, ex.Message);
            foreach (var observer in _observers)
            {
                observer.OnFailed(name, ex);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One connection's failure (a held lease, a vendor outage, a bad setting) must not stop the others.
            RunFailed(logger, name, ex.Message, ex);
            foreach (var observer in _observers)
            {
                observer.OnFailed(name, ex);
            }
        }
    }

    private LocalDate Today(SyncScheduleOptions schedule)
    {
        var zone = (schedule.TimeZone is { } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null) ?? DateTimeZoneProviders.Tzdb.GetSystemDefault();
        return clock.GetCurrentInstant().InZone(zone).Date;
    }

    private sealed class ObserverProgress(string connection, IReadOnlyList<ISyncRunObserver> observers) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            foreach (var observer in observers)
            {
                observer.OnProgress(connection, value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No WiseSync connections are configured under WiseSync:Connections; the worker has nothing to do.")]
    private static partial void NoConnections(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: schedule {Mode}, interval {Interval}.")]
    private static partial void Scheduled(ILogger logger, string connection, SyncScheduleMode mode, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: {Action} thru {Thru} starting.")]
    private static partial void RunStarting(ILogger logger, string connection, SyncAction action, LocalDate thru);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: batch {BatchId} finished, {Invoices} invoices ({Success} success, {Warning} warning, {Error} error).")]
    private static partial void RunFinished(ILogger logger, string connection, string batchId, int invoices, int success, int warning, int error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: stopped between chunks; the next run picks up the rest.")]
    private static partial void RunStopped(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: batch {BatchId} stopped early: {Reason}")]
    private static partial void RunStoppedEarly(ILogger logger, string connection, string batchId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection {Connection}: run failed, the ledger cannot be used: {Reason}")]
    private static partial void LedgerUnusable(ILogger logger, string connection, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection {Connection}: run failed: {Reason}")]
    private static partial void RunFailed(ILogger logger, string connection, string reason, Exception exception);
}
