using WiseSync.Samples.Tests.Support;

namespace WiseSync.Samples.Tests.Console;

/// <summary><c>sync --dry-run</c> says per invoice whether a post would create or update it, and which customer it would create or map to.</summary>
public sealed class DryRunTests
{
    [Fact]
    public async Task Dry_run_reports_create_or_update_and_the_customer_per_invoice()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 4, companies: 2);
        var pending = (await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru))).Json();
        var first = pending.GetProperty("invoices")[0];
        var posted = await HarnessRun.RunAsync(host.Args("sync", "--json", "--thru", SandboxHost.Thru, "--invoice", first.GetProperty("psaInvoiceId").GetString()!, "--include-synced"));
        Assert.True(posted.ExitCode == 0, posted.ToString());
        var xeroInvoices = (await host.StateAsync("xero", "invoices")).Count;

        var run = await HarnessRun.RunAsync(host.Args("sync", "--dry-run", "--json", "--include-synced", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json();
        ContractSchema.AssertSyncReport(report, "post", "autotask", "xero");
        var plans = report.GetProperty("invoices").EnumerateArray()
            .ToDictionary(i => i.GetProperty("psaInvoiceId").GetString()!, i => i.GetProperty("plan"));
        Assert.Equal(4, plans.Count);
        var again = plans[first.GetProperty("psaInvoiceId").GetString()!];
        Assert.Equal("update", again.GetProperty("invoice").GetString());
        Assert.Equal("map", again.GetProperty("customerAction").GetString());
        Assert.Equal(first.GetProperty("company").GetString(), again.GetProperty("customer").GetString());
        Assert.Contains(plans.Values, p => p.GetProperty("invoice").GetString() == "create");
        Assert.All(plans.Values, p => Assert.Contains(p.GetProperty("customerAction").GetString(), new[] { "create", "map" }));
        Assert.Equal(xeroInvoices, (await host.StateAsync("xero", "invoices")).Count);
    }

    [Fact]
    public async Task Dry_run_table_shows_the_plan_under_each_row()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 2, companies: 1);

        var run = await HarnessRun.RunAsync(host.Args("sync", "--dry-run", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("would create the invoice; would create the customer", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(await host.StateAsync("xero", "invoices"));
    }
}
