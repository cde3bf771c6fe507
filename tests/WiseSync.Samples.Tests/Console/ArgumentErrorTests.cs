using WiseSync.Samples.Tests.Support;

namespace WiseSync.Samples.Tests.Console;

/// <summary>Usage and configuration errors exit with 2, name the option or setting, and leave stdout empty.</summary>
// Serial with the other tests that read WISESYNC__ environment variables, which one of them sets for the process.
[Collection(WiseSyncEnvironment.Collection)]
public sealed class ArgumentErrorTests
{
    [Theory]
    [InlineData("--psa", new[] { "sync", "--psa", "halo" })]
    [InlineData("--accounting", new[] { "sync", "--accounting", "sage" })]
    [InlineData("--action", new[] { "sync", "--action", "delete" })]
    [InlineData("--thru", new[] { "sync", "--thru", "2026-13-01" })]
    [InlineData("--thru", new[] { "pending", "--thru", "yesterday" })]
    [InlineData("--time-scale", new[] { "sync", "--time-scale", "0" })]
    [InlineData("--time-scale", new[] { "sync", "--time-scale", "fast" })]
    [InlineData("--sandbox-url", new[] { "sync", "--sandbox-url", "not a url" })]
    [InlineData("--bogus", new[] { "sync", "--bogus" })]
    [InlineData("batchId", new[] { "delete-batch" })]
    [InlineData("psaInvoiceId", new[] { "show-invoice" })]
    public async Task Bad_option_exits_2_naming_it(string named, string[] args)
    {
        var run = await HarnessRun.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("autotask")]
    [InlineData("connectwise")]
    public async Task Show_invoice_with_an_id_that_is_not_a_psa_id_exits_2_with_one_line(string psa)
    {
        var run = await HarnessRun.RunAsync("show-invoice", "abc", "--psa", psa, "--sandbox-url", "http://127.0.0.1:9");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("psaInvoiceId", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'abc'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Missing_command_exits_2()
    {
        var run = await HarnessRun.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("command", run.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sandbox_url_and_config_together_exit_2_naming_both()
    {
        var run = await HarnessRun.RunAsync("sync", "--sandbox-url", "http://127.0.0.1:5599", "--config", "appsettings.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sandbox-url", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--config", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_scale_with_sandbox_url_exits_2()
    {
        var run = await HarnessRun.RunAsync("sync", "--sandbox-url", "http://127.0.0.1:5599", "--time-scale", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--time-scale", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_config_file_exits_2_naming_config()
    {
        var run = await HarnessRun.RunAsync("sync", "--config", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--config", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_sandbox_exits_2_naming_sandbox_url()
    {
        // Port 9 (discard) on loopback: nothing listens there.
        var run = await HarnessRun.RunAsync("pending", "--sandbox-url", "http://127.0.0.1:9", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sandbox-url", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Config_without_the_accounting_section_exits_2_naming_it()
    {
        using var config = TempConfig("""{ "Autotask": { "UserName": "u@example.com", "Secret": "s", "IntegrationCode": "C" } }""");

        var run = await HarnessRun.RunAsync("sync", "--json", "--config", config.Path, "--db", config.Path + ".db");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'Xero'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Config_missing_a_required_setting_exits_2_naming_the_setting()
    {
        using var config = TempConfig("""
            {
              "Autotask": { "Secret": "s", "IntegrationCode": "C" },
              "Xero": { "ClientId": "id", "ClientSecret": "secret", "RefreshToken": "r" }
            }
            """);

        var run = await HarnessRun.RunAsync("sync", "--config", config.Path, "--db", config.Path + ".db");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("UserName", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", run.Stderr.Replace("Secret", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_from_environment_variable_completes_the_config()
    {
        // The setting that was missing above comes from WISESYNC__Autotask__UserName; the run then fails later
        // (no real Autotask here), but no longer on the missing setting.
        using var config = TempConfig("""
            {
              "Autotask": { "Secret": "s", "IntegrationCode": "C", "ZoneUrl": "http://127.0.0.1:9/atservicesrest/" },
              "Xero": { "ClientId": "id", "ClientSecret": "secret", "RefreshToken": "r" }
            }
            """);
        Environment.SetEnvironmentVariable("WISESYNC__Autotask__UserName", "api@example.com");
        try
        {
            var run = await HarnessRun.RunAsync("pending", "--config", config.Path, "--db", config.Path + ".db");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Autotask", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("UserName is required", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WISESYNC__Autotask__UserName", null);
        }
    }

    private static TempFile TempConfig(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "wisesync-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return new TempFile(path);
    }

    private sealed record TempFile(string Path) : IDisposable
    {
        public void Dispose()
        {
            foreach (var file in new[] { Path, Path + ".db", Path + ".db-wal", Path + ".db-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
