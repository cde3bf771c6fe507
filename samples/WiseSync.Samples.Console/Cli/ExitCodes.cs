using System.Reflection;
using Microsoft.Extensions.Options;

namespace WiseSync.Samples.Console.Cli;

/// <summary>
/// Maps what a command throws to the exit codes: 2 for usage and configuration problems, 4 for a ledger that cannot be used
/// (one message naming the file and the remedy, no stack trace), 1 for a failed run.
/// </summary>
internal static class ExitCodes
{
    /// <summary>A report's exit code: 3 when the run stopped early (whatever the lights), else 1 when any invoice is red, else 0.</summary>
    public static int Of(SyncReport report) =>
        report.StoppedReason is not null ? Program.Stopped : report.Totals.Error > 0 ? Program.Failed : Program.Success;

    public static async Task<int> GuardAsync(HarnessConsole console, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (LedgerFault(ex, console.LedgerPath) is { } ledger)
        {
            // Whoever met it (the ledger, the token store, Wise-Pay sharing the file): one message, the file and the remedy.
            console.Error.WriteLine($"error: {ledger.Message}");
            if (Hint(ledger) is { } hint)
            {
                console.Error.WriteLine(hint);
            }

            return Program.LedgerProblem;
        }
        catch (Exception ex) when (ConfigurationProblem(ex) is { } message)
        {
            console.Error.WriteLine($"error: {message}");
            return Program.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("Cancelled: the run stopped between chunks; what was done is in the ledger.");
            return Program.Failed;
        }
        catch (WiseSyncException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return Program.Failed;
        }
        catch (HttpRequestException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return Program.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A defect, not a per-invoice problem: say what it was and fail the run rather than crash with a dump.
            console.Error.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            console.Error.WriteLine(ex.StackTrace);
            return Program.Failed;
        }
    }

    /// <summary>The ledger problem in <paramref name="ex"/> or its causes, or null when it is something else.</summary>
    internal static LedgerException? LedgerFault(Exception ex, string? ledgerPath)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is LedgerException ledger)
            {
                return ledger;
            }

            if (current is Microsoft.Data.Sqlite.SqliteException && ledgerPath is not null && LedgerException.From(current, ledgerPath) is { } translated)
            {
                return translated;
            }

            if (current is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(e => LedgerFault(e, ledgerPath)).FirstOrDefault(f => f is not null);
            }
        }

        return null;
    }

    /// <summary>What to do with this harness, beyond the SDK's remedy.</summary>
    private static string? Hint(LedgerException ledger) => ledger.Problem switch
    {
        LedgerProblem.Damaged => $"To rebuild it: ledger rebuild --db {ledger.DatabasePath} (with this run's --psa, --accounting and connection options).",
        LedgerProblem.Locked => "To wait longer for the lock: --ledger-timeout SECONDS.",
        _ => null,
    };

    /// <summary>The message of a usage or configuration problem (exit 2), or null when <paramref name="ex"/> is something else.</summary>
    internal static string? ConfigurationProblem(Exception ex) => ex switch
    {
        UsageException usage => usage.Message,
        ConfigurationException configuration => configuration.Message,
        AuthenticationException authentication => $"authentication failed: {authentication.Message} Check the credentials in the configuration.",
        OptionsValidationException options => Describe(options),
        InvalidOperationException or TargetInvocationException when ConfigurationValueProblem.Describe(ex) is { } value => value,
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => ConfigurationProblem(e) is not null) =>
            string.Join(Environment.NewLine + "error: ", aggregate.InnerExceptions.Select(e => ConfigurationProblem(e))),
        _ => null,
    };

    private static string Describe(OptionsValidationException ex)
    {
        var section = ex.OptionsType.Name.EndsWith("Options", StringComparison.Ordinal)
            ? ex.OptionsType.Name[..^"Options".Length]
            : ex.OptionsType.Name;
        return $"{section} settings are invalid: {string.Join("; ", ex.Failures)}";
    }
}
