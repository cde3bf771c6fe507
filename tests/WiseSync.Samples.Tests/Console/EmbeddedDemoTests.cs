using WiseSync.Samples.Tests.Support;
using static WiseSync.Samples.Tests.Support.ContractSchema;

namespace WiseSync.Samples.Tests.Console;

/// <summary>The README's main command: no --sandbox-url, no --config — the sandbox runs in process with its default data.</summary>
public sealed class EmbeddedDemoTests
{
    [Fact]
    public async Task Default_run_is_green_and_shows_queued_no_payer_and_no_terms()
    {
        var directory = Directory.CreateTempSubdirectory("wisesync-demo-");
        try
        {
            var run = await HarnessRun.RunAsync("sync", "--json", "--db", Path.Combine(directory.FullName, "wisesync-demo.db"), "--thru", SandboxHost.Thru);

            Assert.True(run.ExitCode == 0, run.ToString());
            var report = run.Json();
            AssertSyncReport(report, "post", "autotask", "xero");
            Assert.Equal(100, Int(report.GetProperty("totals"), "invoices"));
            var payments = report.GetProperty("invoices").EnumerateArray().Select(i => StringOrNull(i, "payment")).ToHashSet();
            Assert.Contains("queued", payments);
            Assert.Contains("no-payer", payments);
            Assert.Contains("no-terms", payments);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
