using Spectre.Console;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary>
/// <c>orphans</c>: invoices in accounting whose PSA synced mark or paid date the PSA refused in too many runs
/// (<c>Sync:OrphanAfterFailedRuns</c>); they are no longer retried. <c>--dismiss ID</c> forgets one once a person resolved it.
/// </summary>
internal static class OrphansCommand
{
    public static async Task<int> RunAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        await using var session = await HarnessSession.StartAsync(settings, console, cancellationToken);
        var pipeline = session.Pipeline;
        var unknown = new List<string>();
        foreach (var id in settings.Dismiss)
        {
            if (await pipeline.DismissOrphanAsync(id, cancellationToken))
            {
                await console.Error.WriteLineAsync($"Orphan of PSA invoice {id} dismissed: the next run treats the invoice like any other.");
            }
            else
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            throw new UsageException($"--dismiss: no orphan for PSA invoice(s) {string.Join(", ", unknown)} in the ledger {session.LedgerPath} (see the orphans command).");
        }

        var orphans = await pipeline.GetOrphansAsync(cancellationToken);
        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonReport.Orphans(orphans));
        }
        else
        {
            ReportView.Orphans(console.Ansi, orphans, session.PsaName, session.AccountingName);
        }

        return Program.Success;
    }
}
