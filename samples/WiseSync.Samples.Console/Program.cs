using WiseSync.Samples.Console.Cli;

namespace WiseSync.Samples.Console;

/// <summary>
/// The console harness: <c>sync</c>, <c>pending</c>, <c>history</c>, <c>delete-batch</c>, <c>show-invoice</c> (CONTRACTS §2),
/// <c>orphans</c> and <c>ledger rebuild</c>.
/// </summary>
public static class Program
{
    /// <summary>Exit code when no invoice is red.</summary>
    public const int Success = 0;

    /// <summary>Exit code when at least one invoice is red (or the run failed).</summary>
    public const int Failed = 1;

    /// <summary>Exit code of a usage or configuration error.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Exit code of a run that stopped early (a vendor's daily or hourly limit, a Retry-After beyond the wait the SDK accepts,
    /// refused authorisation): invoices it did not reach were not attempted; run again after the time in the message.
    /// </summary>
    public const int Stopped = 3;

    /// <summary>Exit code when the ledger file cannot be used (read-only, locked, damaged, full): the message names the file and the remedy.</summary>
    public const int LedgerProblem = 4;

    /// <summary>The process entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C asks the run to stop between chunks; a second one ends the process.
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };

        var console = new HarnessConsole(System.Console.Out, System.Console.Error, interactive: !System.Console.IsOutputRedirected);
        return await RunAsync(args, console, stop.Token);
    }

    /// <summary>Runs the harness in process, writing the report to <paramref name="stdout"/> and everything else to <paramref name="stderr"/>.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        HarnessCommandLine.InvokeAsync(args, new HarnessConsole(stdout, stderr, interactive: false), cancellationToken);

    internal static Task<int> RunAsync(string[] args, HarnessConsole console, CancellationToken cancellationToken) =>
        HarnessCommandLine.InvokeAsync(args, console, cancellationToken);
}
