using System.Text.Json;

namespace WiseSync.Samples.Tests.Support;

/// <summary>One in-process run of the console harness.</summary>
internal sealed record HarnessRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<HarnessRun> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await WiseSync.Samples.Console.Program.RunAsync(args, stdout, stderr);
        return new HarnessRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Stdout parsed as exactly one JSON document (throws when anything else is there).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
