using System.Reflection;
using BenchmarkDotNet.Running;

namespace WiseSync.Benchmarks.Micro;

/// <summary><c>micro [BenchmarkDotNet args]</c>: runs the BenchmarkDotNet suite; without arguments every benchmark with a short job.</summary>
internal static class MicroCommand
{
    public static int Run(string[] args)
    {
        // Two shared cores: a short job (3 warm-ups, 3 iterations), in process (no child project build), unless the caller chose.
        var bdnArgs = args.Length == 0 ? ["--filter", "*", "--job", "short", "--inProcess"] : args;
        if (!bdnArgs.Contains("--filter") && !bdnArgs.Contains("-f"))
        {
            bdnArgs = [.. bdnArgs, "--filter", "*"];
        }

        var summaries = BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(bdnArgs);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
