using WiseSync.Samples.Tests.Support;

namespace WiseSync.Samples.Tests.Console;

/// <summary>
/// The start-up connection check: a vendor that is only unavailable fails the run (exit 1, "try again"), while refused
/// credentials stay a configuration error (exit 2). Either way stdout stays empty under --json.
/// </summary>
public sealed class ConnectionCheckTests
{
    // Retry-After: 0 lets the client's retries run at once, so an answer that outlasts them costs no waiting.
    [Theory]
    [InlineData(null)]
    [InlineData("/Organisation")]
    public async Task Accounting_answering_503_during_the_check_exits_1_saying_it_is_unavailable(string? pathContains)
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await sandbox.PostAsync("_sandbox/faults", new { vendor = "xero", pathContains, status = 503, retryAfterSeconds = 0 });

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Xero is unavailable", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Try again", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Autotask is unavailable", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Empty(await sandbox.StateAsync("xero", "invoices"));
    }

    [Fact]
    public async Task Both_sides_unavailable_exits_1_naming_both()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await sandbox.PostAsync("_sandbox/faults", new { vendor = "autotask", status = 503, retryAfterSeconds = 0 });
        await sandbox.PostAsync("_sandbox/faults", new { vendor = "xero", status = 429, retryAfterSeconds = 0 });

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Autotask and Xero are unavailable", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/Organisation")]
    public async Task Accounting_refusing_the_credentials_during_the_check_still_exits_2(string? pathContains)
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await sandbox.PostAsync("_sandbox/faults", new { vendor = "xero", pathContains, status = 401 });

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Xero", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unavailable", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task A_passing_failure_beside_a_refused_one_is_still_a_configuration_error()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await sandbox.PostAsync("_sandbox/faults", new { vendor = "autotask", status = 401 });
        await sandbox.PostAsync("_sandbox/faults", new { vendor = "xero", status = 503, retryAfterSeconds = 0 });

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("401", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
