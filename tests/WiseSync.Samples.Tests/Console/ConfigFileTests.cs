using System.Text.Json.Nodes;
using WiseSync.Samples.Tests.Support;

namespace WiseSync.Samples.Tests.Console;

/// <summary><c>--config</c> files: paths inside them are relative to the file's folder.</summary>
// Serial with the other tests that read WISESYNC__ environment variables, which one of them sets for the process.
[Collection(WiseSyncEnvironment.Collection)]
public sealed class ConfigFileTests
{
    [Fact]
    public async Task Ledger_path_in_config_is_relative_to_the_config_folder()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 4, companies: 2);
        var settings = SandboxConfig.For(host);
        settings["Sync"] = new JsonObject { ["Ledger"] = new JsonObject { ["DatabasePath"] = "relative-ledger.db" } };
        var config = SandboxConfig.Write(host, settings);

        var run = await HarnessRun.RunAsync("sync", "--json", "--thru", SandboxHost.Thru, "--config", config);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(config)!, "relative-ledger.db")), run.ToString());
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "relative-ledger.db")));
    }

    [Fact]
    public async Task Db_option_stays_relative_to_the_working_folder()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 2, companies: 1);
        var config = SandboxConfig.Write(host, SandboxConfig.For(host));

        var run = await HarnessRun.RunAsync("history", "--json", "--config", config, "--db", host.Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(config)!, "wisesync-demo.db")));
    }

    [Theory]
    [InlineData("Sync", "DefaultNetDays", "thirty", "whole number")]
    [InlineData("Sync", "ContactEmailHandling", "Everyone", "PrimaryAndRecipients")]
    [InlineData("Autotask", "TimeScale", "fast", "number")]
    [InlineData("Xero", "InvoiceStatus", "Paid", "Authorised")]
    public async Task Bad_value_in_config_exits_2_with_one_line_naming_the_setting(string section, string key, string value, string expected)
    {
        await using var host = await SandboxHost.StartAsync(invoices: 2, companies: 1);
        var settings = SandboxConfig.For(host);
        if (settings[section] is not JsonObject node)
        {
            settings[section] = node = new JsonObject();
        }

        node[key] = value;
        var config = SandboxConfig.Write(host, settings);

        var run = await HarnessRun.RunAsync("sync", "--json", "--config", config, "--db", host.Database);

        Assert.True(run.ExitCode == 2, run.ToString());
        var errors = ErrorLines(run);
        Assert.True(errors.Count == 1, run.ToString());
        Assert.Contains($"{section}:{key}", errors[0], StringComparison.Ordinal);
        Assert.Contains(expected, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", run.Stderr.Replace($"at '{section}", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Missing_required_setting_exits_2_with_one_line_naming_it()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 2, companies: 1);
        var settings = SandboxConfig.For(host);
        ((JsonObject)settings["Xero"]!).Remove("ClientId");
        var config = SandboxConfig.Write(host, settings);

        var run = await HarnessRun.RunAsync("sync", "--json", "--config", config, "--db", host.Database);

        Assert.True(run.ExitCode == 2, run.ToString());
        var errors = ErrorLines(run);
        Assert.True(errors.Count == 1, run.ToString());
        Assert.Contains("ClientId", errors[0], StringComparison.Ordinal);
    }

    /// <summary>Stderr's lines other than the config file's permission warning.</summary>
    internal static List<string> ErrorLines(HarnessRun run) => run.Stderr
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !line.StartsWith("warning:", StringComparison.Ordinal))
        .ToList();
}
