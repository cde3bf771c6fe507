using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using WiseSync.Samples.Tests.Support;
using static WiseSync.Samples.Tests.Support.ContractSchema;

namespace WiseSync.Samples.Tests.Console;

/// <summary>
/// The end-to-end acceptance runs of the ConnectWise and QuickBooks issues through the harness (<c>--psa connectwise</c>,
/// <c>--accounting quickbooks</c>), against a sandbox in this process, plus the one-message-once check of the report.
/// </summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task ConnectWise_to_Xero_syncs_250_invoices_once_into_batches_and_leaves_nothing_pending()
    {
        await using var sandbox = await SandboxHost.StartAsync(invoices: 250, companies: 20);

        var pending = await HarnessRun.RunAsync(sandbox.Args("pending", "--psa", "connectwise", "--json", "--thru", SandboxHost.Thru));
        Assert.True(pending.ExitCode == 0, pending.ToString());
        AssertPending(pending.Json());
        var ids = pending.Json().GetProperty("invoices").EnumerateArray().Select(i => String(i, "psaInvoiceId")).ToHashSet();
        Assert.Equal(250, ids.Count);

        var sync = await HarnessRun.RunAsync(sandbox.Args("sync", "--psa", "connectwise", "--json", "--thru", SandboxHost.Thru));

        Assert.True(sync.ExitCode == 0, sync.ToString());
        var report = sync.Json();
        AssertSyncReport(report, "post", "connectwise", "xero");
        Assert.Equal(0, Int(report.GetProperty("totals"), "error"));
        Assert.Equal(ids.Order(StringComparer.Ordinal), report.GetProperty("invoices").EnumerateArray().Select(i => String(i, "psaInvoiceId")).Order(StringComparer.Ordinal));
        Assert.Equal(250, (await sandbox.StateAsync("xero", "invoices")).Count);

        // "Synced" in ConnectWise is being in an accounting batch: every invoice is in exactly one batch.
        var batches = await sandbox.StateAsync("connectwise", "batches");
        Assert.NotEmpty(batches);
        var batched = batches.SelectMany(b => b.GetProperty("invoiceIds").EnumerateArray().Select(i => i.GetInt32().ToString(CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(batched.Count, batched.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), batched.Order(StringComparer.Ordinal));

        var after = await HarnessRun.RunAsync(sandbox.Args("pending", "--psa", "connectwise", "--json", "--thru", SandboxHost.Thru));
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(0, after.Json().GetProperty("invoices").GetArrayLength());
    }

    [Fact]
    public async Task Autotask_to_QuickBooks_syncs_300_invoices_within_the_call_budget_and_writes_paid_dates_back()
    {
        await using var sandbox = await SandboxHost.StartAsync(invoices: 300, companies: 20);

        var sync = await HarnessRun.RunAsync(sandbox.Args("sync", "--accounting", "quickbooks", "--json", "--thru", SandboxHost.Thru));

        Assert.True(sync.ExitCode == 0, sync.ToString());
        var report = sync.Json();
        AssertSyncReport(report, "post", "autotask", "quickbooks");
        Assert.Equal(300, Int(report.GetProperty("totals"), "invoices"));
        Assert.Equal(0, Int(report.GetProperty("totals"), "error"));
        Assert.All(report.GetProperty("invoices").EnumerateArray(), i => Assert.NotNull(StringOrNull(i, "accountingInvoiceId")));
        // The harness gives the sandbox company its income account, so the PSA's item codes become QBO items.
        Assert.DoesNotContain(
            report.GetProperty("invoices").EnumerateArray().SelectMany(i => i.GetProperty("messages").EnumerateArray()).Select(m => m.GetString()),
            m => m!.Contains("no default income account", StringComparison.Ordinal));
        // The customer's and the invoice's 100-character email fields drop the same addresses: said once per invoice.
        Assert.All(report.GetProperty("invoices").EnumerateArray(), i =>
        {
            var messages = i.GetProperty("messages").EnumerateArray().Select(m => m.GetString()).ToList();
            Assert.True(messages.Count == messages.Distinct().Count(), $"{String(i, "number")}: {string.Join(" | ", messages)}");
        });

        var qboInvoices = await QuickBooksInvoicesAsync(sandbox);
        Assert.Equal(300, qboInvoices.Count);
        Assert.Equal(300, qboInvoices.Select(i => String(i, "DocNumber")).Distinct().Count());
        var stats = await sandbox.StatsAsync();
        var qboCalls = stats.GetProperty("quickbooks").GetProperty("requests").GetInt32();
        Assert.True(qboCalls <= 0.12 * 300, $"{qboCalls} QuickBooks calls for 300 invoices (budget 0.12 per invoice)");
        Assert.Equal(0, stats.GetProperty("quickbooks").GetProperty("throttled").GetInt32());
        Assert.Equal(0, stats.GetProperty("autotask").GetProperty("throttled").GetInt32());

        // Five invoices are paid in full in QuickBooks; the payments action writes their paid date into Autotask.
        var paid = qboInvoices.Skip(10).Take(5).ToList();
        foreach (var invoice in paid)
        {
            await sandbox.PostAsync("_sandbox/pay", new { vendor = "quickbooks", invoiceNumber = String(invoice, "DocNumber"), amount = invoice.GetProperty("TotalAmt").GetDecimal(), date = "2026-11-20" });
        }

        var payments = await HarnessRun.RunAsync(sandbox.Args("sync", "--action", "payments", "--accounting", "quickbooks", "--json", "--thru", SandboxHost.Thru));

        Assert.True(payments.ExitCode == 0, payments.ToString());
        AssertSyncReport(payments.Json(), "payments", "autotask", "quickbooks");
        var paidNumbers = paid.Select(i => String(i, "DocNumber")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(paidNumbers, payments.Json().GetProperty("invoices").EnumerateArray().Select(i => String(i, "number")).Order(StringComparer.Ordinal));
        var autotask = await sandbox.StateAsync("autotask", "invoices");
        var paidInAutotask = autotask
            .Where(i => i.GetProperty("paidDate").ValueKind == JsonValueKind.String)
            .ToDictionary(i => String(i, "invoiceNumber"), i => String(i, "paidDate"));
        Assert.Equal(paidNumbers, paidInAutotask.Keys.Order(StringComparer.Ordinal));
        Assert.All(paidInAutotask.Values, d => Assert.StartsWith("2026-11-20", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_message_appears_once_under_its_invoice()
    {
        // Twenty companies give several with more contacts than Xero's five contact persons: the policy's warning shows.
        await using var sandbox = await SandboxHost.StartAsync(invoices: 60, companies: 20);

        var run = await HarnessRun.RunAsync(sandbox.Args("sync", "--json", "--thru", SandboxHost.Thru));

        Assert.True(run.ExitCode == 0, run.ToString());
        var invoices = run.Json().GetProperty("invoices").EnumerateArray().ToList();
        Assert.Contains(invoices, i => i.GetProperty("messages").EnumerateArray().Any(m => m.GetString()!.StartsWith("At most 5 contact persons", StringComparison.Ordinal)));
        Assert.All(invoices, i =>
        {
            var messages = i.GetProperty("messages").EnumerateArray().Select(m => m.GetString()).ToList();
            Assert.True(messages.Count == messages.Distinct().Count(), $"{String(i, "number")}: {string.Join(" | ", messages)}");
        });
    }

    private static async Task<List<JsonElement>> QuickBooksInvoicesAsync(SandboxHost sandbox)
    {
        // The QuickBooks state reads like a query answer: {"QueryResponse":{"Invoice":[…]}}.
        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUrl };
        var root = await http.GetFromJsonAsync<JsonElement>("_sandbox/state/quickbooks/invoices");
        return root.GetProperty("QueryResponse").GetProperty("Invoice").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
