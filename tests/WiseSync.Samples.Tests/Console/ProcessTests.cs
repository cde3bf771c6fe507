using System.Diagnostics;
using WiseSync.Samples.Tests.Support;
using static WiseSync.Samples.Tests.Support.ContractSchema;

namespace WiseSync.Samples.Tests.Console;

/// <summary>The built harness run as its own process, as scripts run it.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Built_dll_syncs_against_a_sandbox_and_prints_only_json_on_stdout()
    {
        await using var sandbox = await SandboxHost.StartAsync();

        var (exit, stdout, stderr) = await RunProcessAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        using var document = System.Text.Json.JsonDocument.Parse(stdout);
        AssertSyncReport(document.RootElement, "post", "autotask", "xero");
        Assert.Equal(24, Int(document.RootElement.GetProperty("totals"), "invoices"));
    }

    [Fact]
    public async Task Built_dll_exits_2_on_a_bad_option()
    {
        var (exit, stdout, stderr) = await RunProcessAsync(["sync", "--accounting", "sage"]);

        Assert.Equal(2, exit);
        Assert.Contains("--accounting", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(ConsoleDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The console harness's dll next to this test assembly (the project reference copies it with its runtimeconfig).</summary>
    private static string ConsoleDll()
    {
        var dll = typeof(WiseSync.Samples.Console.Program).Assembly.Location;
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"{dll} has no runtimeconfig.json beside it");
        return dll;
    }
}
