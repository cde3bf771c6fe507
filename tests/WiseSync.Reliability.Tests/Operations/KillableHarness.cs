using System.Diagnostics;
using WiseSync.Reliability.Tests.Processes;

namespace WiseSync.Reliability.Tests.Operations;

/// <summary>The built harness started in its own process, to be SIGKILLed when a condition the test watches comes true.</summary>
public sealed class KillableHarness : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _killed;

    private KillableHarness(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
        Exited = process.WaitForExitAsync();
    }

    public Task Exited { get; }

    public static KillableHarness Start(IEnumerable<string> args) => new(Process.Start(BuiltApps.Dotnet(BuiltApps.ConsoleDll, args))!);

    /// <summary>SIGKILL (Process.Kill on Unix), unless it already ended.</summary>
    public void Kill()
    {
        if (!Exited.IsCompleted)
        {
            _process.Kill(entireProcessTree: true);
            _killed = true;
        }
    }

    public async Task<HarnessOutcome> OutcomeAsync()
    {
        await Exited.WaitAsync(TimeSpan.FromMinutes(3));
        return new HarnessOutcome(_killed, _killed ? null : _process.ExitCode, await _stdout, await _stderr, _clock.Elapsed);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
