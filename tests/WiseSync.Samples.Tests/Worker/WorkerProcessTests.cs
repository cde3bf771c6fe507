using System.Diagnostics;
using WiseSync.Samples.Tests.Support;

namespace WiseSync.Samples.Tests.Worker;

/// <summary>The built worker started from another folder (as <c>dotnet run --project samples/WiseSync.Samples.Worker</c> starts it from the repo root).</summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task Worker_started_from_another_folder_finds_its_settings_and_runs_one_cycle()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var dll = typeof(WiseSync.Samples.Worker.Scheduling.SyncTrigger).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Not the folder of the dll and its appsettings.json: the shipped settings must still be found.
            WorkingDirectory = sandbox.Directory,
        };
        start.ArgumentList.Add(dll);
        // The shipped appsettings.json names a sandbox on port 5599; these point its one connection at this test's sandbox.
        var connection = "WiseSync__Connections__sandbox__";
        start.Environment[connection + "Autotask__ZoneLookupUrl"] = sandbox.Url + "autotask/atservicesrest/";
        start.Environment[connection + "Xero__ApiBaseUrl"] = sandbox.Url + "xero/";
        start.Environment[connection + "Xero__IdentityBaseUrl"] = sandbox.Url + "xero/identity/";
        start.Environment["WiseSync__Ledger__DatabasePath"] = sandbox.Database;
        start.Environment["Logging__Console__FormatterName"] = "simple";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var log = new List<string>();
        string? finished = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (finished is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                log.Add(line);
                finished = line.Contains("batch", StringComparison.Ordinal) && line.Contains("finished", StringComparison.Ordinal) ? line : null;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.True(finished is not null, string.Join('\n', log) + "\n" + await stderr);
        Assert.Contains("24 invoices (24 success", finished, StringComparison.Ordinal);
        Assert.Equal(24, (await sandbox.StateAsync("xero", "invoices")).Count);
    }
}
