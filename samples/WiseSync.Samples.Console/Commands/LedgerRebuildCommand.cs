using Spectre.Console;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Connections;
using WiseSync.Samples.Console.Output;

namespace WiseSync.Samples.Console.Commands;

/// <summary>
/// <c>ledger rebuild</c>: a damaged (or, with <c>--force</c>, any) ledger is set aside — never deleted — and a new one gets the
/// tables the vendors cannot give back (stored OAuth tokens, Wise-Pay's payers), then the invoice and customer mappings
/// rebuilt from the accounting system and the PSA's synced marks. A missing ledger is simply rebuilt.
/// </summary>
internal static class LedgerRebuildCommand
{
    public static async Task<int> RunAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        await using var session = await HarnessSession.StartAsync(settings, console, cancellationToken);
        var path = Path.GetFullPath(session.LedgerPath);
        var health = await SqliteLedgerFile.InspectAsync(path, cancellationToken);
        switch (health.State)
        {
            case SqliteLedgerState.Readable when health.Batches > 0 && !settings.Force:
                throw new UsageException(
                    $"--db: {path} is a readable ledger with {health.Batches} batch(es); rebuild replaces a damaged or lost one. Add --force to set it aside and rebuild anyway.");
            case SqliteLedgerState.Damaged:
            case SqliteLedgerState.Readable when health.Batches > 0:
                var aside = SqliteLedgerFile.SetAside(path, session.Now());
                await console.Error.WriteLineAsync($"The {(health.State == SqliteLedgerState.Damaged ? $"damaged ledger ({health.Detail})" : "ledger")} was moved to {aside}; nothing in it was deleted.");
                await session.Ledger.CheckWritableAsync(cancellationToken);
                foreach (var line in await SqliteLedgerFile.SalvageAsync(aside, path, cancellationToken))
                {
                    await console.Error.WriteLineAsync($"  carried over from it: {line}");
                }

                break;
            case SqliteLedgerState.Missing:
                await console.Error.WriteLineAsync($"No ledger at {path}: a new one is built. Stored OAuth tokens are gone with the old file; if the accounting connection is refused, authorise it again (a new refresh token in the configuration).");
                break;
        }

        await session.Ledger.CheckWritableAsync(cancellationToken);
        await ConnectionCheck.RequireAsync(session, console, settings.Json, accounting: true, cancellationToken);
        var result = await ProgressView.RunAsync(console, settings.Json, "Rebuild", progress => session.Pipeline.RebuildLedgerAsync(session.ThruDate(), progress, cancellationToken));
        var summary = $"Ledger rebuilt from {result.Listed} {session.PsaName} invoice(s): {result.InvoicesMapped} invoice mapping(s), {result.CustomersMapped} customer mapping(s).";
        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonReport.Rebuild(result, settings.Psa, settings.Accounting));
            await console.Error.WriteLineAsync(summary);
        }
        else
        {
            ReportView.Sync(console.Ansi, result.Report, links: console.Interactive);
            console.Ansi.MarkupLine(Markup.Escape(summary));
        }

        if (result.Report.StoppedReason is { } reason && settings.Json)
        {
            await console.Error.WriteLineAsync($"Stopped early: {reason} Run ledger rebuild --force again later to finish.");
        }

        return ExitCodes.Of(result.Report);
    }
}
