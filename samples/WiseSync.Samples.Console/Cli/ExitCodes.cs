using Microsoft.Extensions.Options;

namespace WiseSync.Samples.Console.Cli;

/// <summary>Maps what a command throws to the contract's exit codes: 2 for usage and configuration problems, 1 for a failed run.</summary>
internal static class ExitCodes
{
    public static async Task<int> GuardAsync(HarnessConsole console, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
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

    /// <summary>The message of a usage or configuration problem (exit 2), or null when <paramref name="ex"/> is something else.</summary>
    internal static string? ConfigurationProblem(Exception ex) => ex switch
    {
        UsageException usage => usage.Message,
        ConfigurationException configuration => configuration.Message,
        AuthenticationException authentication => $"authentication failed: {authentication.Message} Check the credentials in the configuration.",
        OptionsValidationException options => Describe(options),
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
