using Spectre.Console;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary>Tests both sides' connections before a run and shows the result; a side that does not connect is a configuration error.</summary>
internal static class ConnectionCheck
{
    public static async Task RequireAsync(HarnessSession session, HarnessConsole console, bool json, bool accounting, CancellationToken cancellationToken)
    {
        var ansi = json ? console.AnsiError : console.Ansi;
        ansi.MarkupLine($"[bold]{Markup.Escape(session.Description)}[/]");

        var failures = new List<string>();
        var psa = await session.Psa.TestConnectionAsync(cancellationToken);
        ReportView.Connection(ansi, session.PsaName, psa);
        if (!psa.Succeeded)
        {
            failures.Add($"{session.PsaName}: {psa.Message}");
        }

        if (accounting)
        {
            var sink = await session.Sink.TestConnectionAsync(cancellationToken);
            ReportView.Connection(ansi, session.AccountingName, sink);
            if (!sink.Succeeded)
            {
                failures.Add($"{session.AccountingName}: {sink.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new ConfigurationException(string.Join(" ", failures) + (session.Sandbox is null ? $" Check the settings in {session.Settings.ConfigFile}." : string.Empty));
        }
    }
}
