using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary><c>pending</c>: the invoices a sync would pick up (not yet synced, dated up to <c>--thru</c>).</summary>
internal static class PendingCommand
{
    public static async Task<int> RunAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        await using var session = await HarnessSession.StartAsync(settings, console, cancellationToken);
        await ConnectionCheck.RequireAsync(session, console, settings.Json, accounting: false, cancellationToken);

        var request = settings.ToRequest(SyncAction.PostToAccounting, session.ThruDate());
        var invoices = await session.Pipeline.GetPendingAsync(request, cancellationToken);
        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonReport.Pending(invoices));
        }
        else
        {
            ReportView.Pending(console.Ansi, invoices);
        }

        return Program.Success;
    }
}
