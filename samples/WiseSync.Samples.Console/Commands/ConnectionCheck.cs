using Spectre.Console;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary>
/// Tests both sides' connections before a run and shows the result. A side that does not connect is a configuration
/// error (exit 2), unless every failure is passing (the vendor unavailable or throttling): then the run failed (exit 1).
/// </summary>
internal static class ConnectionCheck
{
    public static async Task RequireAsync(HarnessSession session, HarnessConsole console, bool json, bool accounting, CancellationToken cancellationToken)
    {
        var ansi = json ? console.AnsiError : console.Ansi;
        ansi.MarkupLine($"[bold]{Markup.Escape(session.Description)}[/]");

        var failures = new List<(string Side, ConnectionTestResult Result)>();
        var psa = await session.Psa.TestConnectionAsync(cancellationToken);
        ReportView.Connection(ansi, session.PsaName, psa);
        if (!psa.Succeeded)
        {
            failures.Add((session.PsaName, psa));
        }

        if (accounting)
        {
            var sink = await session.Sink.TestConnectionAsync(cancellationToken);
            ReportView.Connection(ansi, session.AccountingName, sink);
            if (!sink.Succeeded)
            {
                failures.Add((session.AccountingName, sink));
            }
        }

        if (failures.Count == 0)
        {
            return;
        }

        var detail = string.Join(" ", failures.Select(f => $"{f.Side}: {f.Result.Message}"));
        if (failures.TrueForAll(f => f.Result.IsTransient))
        {
            // Nothing is wrong with the settings: the vendor is away for now, so the run failed (exit 1), not the configuration (exit 2).
            var sides = string.Join(" and ", failures.Select(f => f.Side));
            throw new WiseSyncException($"{sides} {(failures.Count == 1 ? "is" : "are")} unavailable at the moment (a temporary failure, not a settings problem): {detail} Try again in a few minutes.");
        }

        throw new ConfigurationException(detail + (session.Sandbox is null ? $" Check the settings in {session.Settings.ConfigFile}." : string.Empty));
    }
}
