using Spectre.Console;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Demo;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary><c>sync</c>: one run of the pipeline, shown as the traffic-light table or the JSON report.</summary>
internal static class SyncCommand
{
    public static async Task<int> RunAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        await using var session = await HarnessSession.StartAsync(settings, console, cancellationToken);
        await ConnectionCheck.RequireAsync(session, console, settings.Json, accounting: settings.Action != SyncAction.MarkSyncedOnly, cancellationToken);

        var pipeline = session.Pipeline;
        var request = settings.ToRequest(settings.Action, session.ThruDate());

        var notes = settings.Json ? console.AnsiError : console.Ansi;
        if (session.Embedded && settings.Action == SyncAction.PostToAccounting && !settings.DryRun && session.PayStore is { } store)
        {
            var pending = await pipeline.GetPendingAsync(request, cancellationToken);
            var (matching, otherTerms, none) = await DemoPayers.SeedAsync(store, pending, cancellationToken);
            notes.MarkupLine($"[grey]Wise-Pay demo payers: {matching} companies pay their terms automatically, {otherTerms} auto-pay other terms only, {none} have no payer.[/]");
        }

        var label = settings.DryRun ? "Dry run" : $"Sync ({HarnessSettings.ActionName(settings.Action)})";
        var report = await ProgressView.RunAsync(console, settings.Json, label, async progress =>
        {
            // Ctrl+C stops the run at the next chunk boundary, never in the middle of a chunk's writes.
            using var stop = new ChunkBoundaryStop(cancellationToken, progress);
            return await pipeline.RunAsync(request, stop, stop.Token);
        });

        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonReport.Sync(report, settings.Psa, settings.Accounting));
            if (report.StoppedReason is { } reason)
            {
                // The JSON document keeps the contract's shape; the stop is told on stderr and by the exit code.
                await console.Error.WriteLineAsync($"Stopped early: {reason}");
            }
        }
        else
        {
            ReportView.Sync(console.Ansi, report, links: console.Interactive);
        }

        return ExitCodes.Of(report);
    }
}
