using Spectre.Console;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary><c>history</c>: the ledger's batches with their totals, newest first.</summary>
internal static class HistoryCommand
{
    public static async Task<int> RunAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        await using var session = await HarnessSession.StartAsync(settings, console, cancellationToken);
        var batches = await session.Pipeline.GetHistoryAsync(cancellationToken: cancellationToken);
        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonReport.History(batches));
        }
        else
        {
            console.Ansi.MarkupLine($"[grey]Ledger {Markup.Escape(Path.GetFullPath(session.LedgerPath))}[/]");
            ReportView.History(console.Ansi, batches);
        }

        return Program.Success;
    }
}
