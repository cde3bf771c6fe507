using System.Text.Json;
using WiseSync.Samples.Tests.Support;
using static WiseSync.Samples.Tests.Support.ContractSchema;

namespace WiseSync.Samples.Tests.Console;

/// <summary>Real runs of the harness against a sandbox in this process (one per test: state matters).</summary>
public sealed class SyncRunTests
{
    [Fact]
    public async Task Sync_json_report_has_exactly_the_contract_shape()
    {
        await using var sandbox = await SandboxHost.StartAsync();

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        var report = run.Json();
        AssertSyncReport(report, "post", "autotask", "xero");
        Assert.Equal(24, Int(report.GetProperty("totals"), "invoices"));
        Assert.Equal(Int(report.GetProperty("totals"), "error") > 0 ? 1 : 0, run.ExitCode);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(report.GetProperty("invoices").EnumerateArray(), i => Assert.NotNull(StringOrNull(i, "accountingInvoiceId")));
    }

    [Fact]
    public async Task Pending_json_lists_the_sandbox_invoices_and_is_empty_after_sync()
    {
        await using var sandbox = await SandboxHost.StartAsync();

        var before = await HarnessRun.RunAsync(sandbox.Args("pending", "--json", "--thru", SandboxHost.Thru));
        AssertPending(before.Json());
        var ids = before.Json().GetProperty("invoices").EnumerateArray().Select(i => String(i, "psaInvoiceId")).ToList();
        Assert.Equal(24, ids.Distinct().Count());
        Assert.Equal(0, before.ExitCode);

        var sync = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Equal(ids.Order(), sync.Json().GetProperty("invoices").EnumerateArray().Select(i => String(i, "psaInvoiceId")).Order());

        var after = await HarnessRun.RunAsync(sandbox.Args("pending", "--json", "--thru", SandboxHost.Thru));
        AssertPending(after.Json());
        Assert.Equal(0, after.Json().GetProperty("invoices").GetArrayLength());
    }

    [Fact]
    public async Task Delete_batch_then_sync_updates_the_same_accounting_invoices()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var first = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstIds = AccountingIds(first.Json());
        var xeroCount = (await sandbox.StateAsync("xero", "invoices")).Count;
        Assert.Equal(24, xeroCount);

        var delete = await HarnessRun.RunAsync(sandbox.Args("delete-batch", String(first.Json(), "batchId"), "--json"));
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.True(delete.Json().GetProperty("deleted").GetBoolean());

        var pending = await HarnessRun.RunAsync(sandbox.Args("pending", "--json", "--thru", SandboxHost.Thru));
        Assert.Equal(24, pending.Json().GetProperty("invoices").GetArrayLength());

        var second = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(firstIds, AccountingIds(second.Json()));
        Assert.Equal(xeroCount, (await sandbox.StateAsync("xero", "invoices")).Count);
    }

    [Fact]
    public async Task Second_sync_changes_nothing()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var first = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        Assert.True(first.ExitCode == 0, first.ToString());
        var xeroWrites = XeroWrites(await sandbox.StatsAsync());

        var second = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        Assert.Equal(0, second.ExitCode);
        AssertSyncReport(second.Json(), "post", "autotask", "xero");
        Assert.Equal(0, second.Json().GetProperty("invoices").GetArrayLength());
        Assert.Equal(24, (await sandbox.StateAsync("xero", "invoices")).Count);
        Assert.Equal(xeroWrites, XeroWrites(await sandbox.StatsAsync()));
    }

    [Fact]
    public async Task Red_invoice_exits_1_and_is_reported_as_error()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        // Xero refuses every invoice write with a validation error: each invoice is red, the run goes on.
        await sandbox.PostAsync("_sandbox/faults", new { rules = new[] { new { vendor = "xero", method = "PUT", pathContains = "/Invoices", status = 400, count = 1000 } } });
        await sandbox.PostAsync("_sandbox/faults", new { rules = new[] { new { vendor = "xero", method = "POST", pathContains = "/Invoices", status = 400, count = 1000 } } });

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 1, run.ToString());
        var report = run.Json();
        AssertSyncReport(report, "post", "autotask", "xero");
        Assert.True(Int(report.GetProperty("totals"), "error") > 0);
        Assert.All(
            report.GetProperty("invoices").EnumerateArray().Where(i => String(i, "status") == "error"),
            i => Assert.NotEmpty(i.GetProperty("messages").EnumerateArray()));
    }

    [Fact]
    public async Task Mark_only_reports_no_payment_and_posts_nothing()
    {
        await using var sandbox = await SandboxHost.StartAsync();

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--action", "mark-only", "--json", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertSyncReport(run.Json(), "mark-only", "autotask", "xero");
        Assert.All(run.Json().GetProperty("invoices").EnumerateArray(), i => Assert.Null(StringOrNull(i, "payment")));
        Assert.Empty(await sandbox.StateAsync("xero", "invoices"));
    }

    [Fact]
    public async Task History_lists_the_batch_and_show_invoice_prints_the_raw_document()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var sync = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));
        var batchId = String(sync.Json(), "batchId");
        var invoiceId = String(sync.Json().GetProperty("invoices")[0], "psaInvoiceId");

        var history = await HarnessRun.RunAsync(sandbox.Args("history", "--json"));
        var show = await HarnessRun.RunAsync(sandbox.Args("show-invoice", invoiceId));

        Assert.Equal(0, history.ExitCode);
        var batch = Assert.Single(history.Json().GetProperty("batches").EnumerateArray());
        Assert.Equal(batchId, String(batch, "batchId"));
        Assert.Equal(24, Int(batch.GetProperty("totals"), "invoices"));
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(invoiceId, show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Human_output_shows_connections_table_and_totals()
    {
        await using var sandbox = await SandboxHost.StartAsync();

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Autotask: connected", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Xero: connected", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("24 invoices", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 error", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Sync (post): 24/24", run.Stderr, StringComparison.Ordinal);
    }

    private static List<(string Psa, string Accounting)> AccountingIds(JsonElement report) => report.GetProperty("invoices").EnumerateArray()
        .Select(i => (String(i, "psaInvoiceId"), StringOrNull(i, "accountingInvoiceId") ?? "none"))
        .OrderBy(p => p.Item1, StringComparer.Ordinal)
        .ToList();

    private static int XeroWrites(JsonElement stats) => stats.GetProperty("xero").GetProperty("byRoute").EnumerateObject()
        .Where(r => r.Name.StartsWith("PUT", StringComparison.Ordinal) || r.Name.StartsWith("POST", StringComparison.Ordinal))
        .Where(r => !r.Name.Contains("token", StringComparison.OrdinalIgnoreCase))
        .Sum(r => r.Value.GetInt32());
}
