using System.Text.Json.Nodes;
using WiseSync.Samples.Tests.Support;

namespace WiseSync.Samples.Tests.Console;

/// <summary><c>--config</c> files: paths inside them are relative to the file's folder.</summary>
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
}
