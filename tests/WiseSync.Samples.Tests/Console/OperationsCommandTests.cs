using WiseSync.Samples.Tests.Support;
using static WiseSync.Samples.Tests.Support.ContractSchema;

namespace WiseSync.Samples.Tests.Console;

/// <summary>Issue 17: the orphans and ledger rebuild commands, the ledger timeout, history's state, the config-file warning.</summary>
public sealed class OperationsCommandTests
{
    [Theory]
    [InlineData("--ledger-timeout", new[] { "history", "--ledger-timeout", "0" })]
    [InlineData("--dismiss", new[] { "orphans", "--dismiss", " " })]
    [InlineData("--force", new[] { "sync", "--force" })]
    [InlineData("command", new[] { "ledger" })]
    public async Task Bad_option_of_the_new_commands_exits_2_naming_it(string named, string[] args)
    {
        var run = await HarnessRun.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task History_json_gives_each_batch_its_state_and_orphans_lists_none_after_a_clean_sync()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var sync = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        Assert.True(sync.ExitCode == 0, sync.ToString());

        var history = await HarnessRun.RunAsync(sandbox.Args("history", "--json"));
        var batch = Assert.Single(history.Json().GetProperty("batches").EnumerateArray());
        Assert.Equal("finished", String(batch, "state"));
        Assert.Null(StringOrNull(batch, "deletingAt"));

        var orphans = await HarnessRun.RunAsync(sandbox.Args("orphans", "--json"));
        Assert.True(orphans.ExitCode == 0, orphans.ToString());
        Assert.Empty(orphans.Json().GetProperty("orphans").EnumerateArray());

        var dismiss = await HarnessRun.RunAsync(sandbox.Args("orphans", "--dismiss", "70001"));
        Assert.True(dismiss.ExitCode == 2, dismiss.ToString());
        Assert.Contains("no orphan for PSA invoice(s) 70001", dismiss.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_rebuild_refuses_a_readable_ledger_without_force_and_rebuilds_it_with_force()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var sync = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        Assert.True(sync.ExitCode == 0, sync.ToString());

        var refused = await HarnessRun.RunAsync(sandbox.Args("ledger", "rebuild", "--thru", SandboxHost.Thru));
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);

        var rebuilt = await HarnessRun.RunAsync(sandbox.Args("ledger", "rebuild", "--thru", SandboxHost.Thru, "--force", "--json"));
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal(24, rebuilt.Json().GetProperty("rebuild").GetProperty("invoiceMappings").GetInt32());
        Assert.All(rebuilt.Json().GetProperty("invoices").EnumerateArray(), i => Assert.Equal("success", String(i, "status")));
        Assert.Single(Directory.GetFiles(sandbox.Directory, "ledger.db.damaged-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));

        // The rebuilt ledger knows every invoice: a sync finds nothing to do, and a deletion un-syncs them all.
        var again = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        Assert.Equal(0, again.Json().GetProperty("invoices").GetArrayLength());
        var delete = await HarnessRun.RunAsync(sandbox.Args("delete-batch", String(rebuilt.Json(), "batchId"), "--json"));
        Assert.True(delete.ExitCode == 0, delete.ToString());
        var pending = await HarnessRun.RunAsync(sandbox.Args("pending", "--json", "--thru", SandboxHost.Thru));
        Assert.Equal(24, pending.Json().GetProperty("invoices").GetArrayLength());
    }

    [Fact]
    public async Task A_config_file_with_credentials_that_others_can_read_gets_a_warning_naming_the_settings_not_their_values()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // ACLs, not Unix modes, decide there.
        }

        var path = Path.Combine(Path.GetTempPath(), "wisesync-exposed-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, """
            { "Autotask": { "Secret": "at-value-1" }, "Xero": { "ClientId": "id", "ClientSecret": "xero-value-2" } }
            """);
        try
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var exposed = await HarnessRun.RunAsync("pending", "--config", path, "--db", path + ".db");
            Assert.Contains($"warning: {path} holds credentials (Autotask:Secret, Xero:ClientSecret) and every user on this machine can read it (mode 0644)", exposed.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("at-value-1", exposed.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("xero-value-2", exposed.ToString(), StringComparison.Ordinal);

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var private_ = await HarnessRun.RunAsync("pending", "--config", path, "--db", path + ".db");
            Assert.DoesNotContain("warning:", private_.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var file in new[] { path, path + ".db", path + ".db-wal", path + ".db-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
