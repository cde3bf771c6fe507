using System.Diagnostics;

namespace WiseSync.Reliability.Tests.Processes;

/// <summary>How one run of the built console harness ended.</summary>
public sealed record HarnessOutcome(bool Killed, int? ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

/// <summary>Runs the built console harness (<c>dotnet WiseSync.Samples.Console.dll</c>), to its end or until a SIGKILL.</summary>
public static class HarnessProcess
{
    public static async Task<HarnessOutcome> RunAsync(IEnumerable<string> args, TimeSpan? killAfter = null, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(BuiltApps.Dotnet(BuiltApps.ConsoleDll, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        var killed = false;
        if (killAfter is { } delay)
        {
            // The kill moment is the thing under test: a seeded random delay, then SIGKILL (Process.Kill on Unix).
            if (await Task.WhenAny(exited, Task.Delay(delay)) != exited)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }
        }

        try
        {
            await exited.WaitAsync(timeout ?? TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The harness did not finish within {timeout ?? TimeSpan.FromMinutes(5)}:\n{await stderr}");
        }

        return new HarnessOutcome(killed, killed ? null : process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
