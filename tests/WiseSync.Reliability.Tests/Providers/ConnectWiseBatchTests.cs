using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Providers;

/// <summary>
/// Issue 17 items 2 and 4 (ConnectWise), black box through the harness: two invoices whose numbers differ only in case are
/// posted with their own lines, and an accounting batch ConnectWise refuses for one invoice leaves its neighbours marked in
/// the same run.
/// </summary>
public sealed class ConnectWiseBatchTests(ITestOutputHelper output)
{
    private static object SeedInvoice(int id, string number, int companyId, string description, decimal amount) => new
    {
        id, number, companyId, date = "2026-11-10", dueDate = "2026-12-10", paymentTermId = 3, divisionId = 1, taxRateId = 1, currency = "USD",
        subtotal = amount, tax = 0m, total = amount,
        lines = new[] { new { id = id * 10, kind = "Service", description, quantity = 1, unitPrice = amount, amount, billable = true, taxable = false, tax = 0m, date = "2026-11-09" } },
        recipients = Array.Empty<object>(),
    };

    [Theory]
    [InlineData("quickbooks")]
    [InlineData("xero")]
    public async Task Two_invoices_whose_numbers_differ_only_in_case_keep_their_own_lines(string accounting)
    {
        await using var run = await ProviderRun.StartAsync("connectwise", accounting, new
        {
            generate = new { seed = 3, companies = 4, invoices = 4 },
            invoices = new[] { SeedInvoice(79001, "CASE-7", 101, "Upper-case invoice work", 120m), SeedInvoice(79002, "case-7", 102, "Lower-case invoice work", 45.5m) },
        });

        var (outcome, report) = await run.SyncAsync();
        var documents = await run.DocumentsAsync();
        output.WriteLine($"exit {outcome.ExitCode}; CASE-7 {report["CASE-7"].ToJsonString()}; case-7 {report["case-7"].ToJsonString()}");

        var expected = new Dictionary<string, (string Description, decimal Amount)> { ["CASE-7"] = ("Upper-case invoice work", 120m), ["case-7"] = ("Lower-case invoice work", 45.5m) };
        var posted = 0;
        foreach (var (number, (description, amount)) in expected)
        {
            if (!documents.TryGetValue(number, out var docs))
            {
                // QuickBooks holds numbers unique ignoring case: the second of the pair is refused there, never posted with the other's lines.
                Assert.Equal("quickbooks", accounting);
                Assert.Equal("error", (string?)report[number]["status"]);
                Assert.Contains(report[number]["messages"]!.AsArray(), m => ((string)m!).Contains("already used by another", StringComparison.Ordinal));
                continue;
            }

            posted++;
            var lines = Lines(Assert.Single(docs), accounting);
            Assert.Equal([(description, amount)], lines);
            Assert.True((string?)report[number]["status"] is "success" or "warning", report[number].ToJsonString());
        }

        Assert.Equal(accounting == "xero" ? 2 : 1, posted);
        Console.WriteLine($"PROVIDERS case connectwise×{accounting}: 2 case-only twins, {posted} posted each with its own lines, 0 with the other's");
    }

    [Theory]
    [InlineData("quickbooks", "deletedBeforeBatch")]
    [InlineData("quickbooks", "refuseBatch")]
    [InlineData("xero", "deletedBeforeBatch")]
    public async Task A_batch_refused_for_one_invoice_leaves_its_neighbours_marked_in_the_same_run(string accounting, string refusal)
    {
        await using var run = await ProviderRun.StartAsync("connectwise", accounting, new
        {
            generate = new { seed = 3, companies = 4, invoices = 12 },
            problems = new[] { new { kind = refusal, vendor = "connectwise", invoiceId = 70006 } },
        });
        var pending = await run.Harness.PendingAsync();
        Assert.Equal(12, pending.Count);

        var (outcome, report) = await run.SyncAsync();
        output.WriteLine($"exit {outcome.ExitCode}; INV-10006: {report["INV-10006"].ToJsonString()}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("error", (string?)report["INV-10006"]["status"]);
        Assert.Contains(report["INV-10006"]["messages"]!.AsArray(), m => ((string)m!).Contains("refused accounting batch", StringComparison.Ordinal));
        Assert.All(report.Where(r => r.Key != "INV-10006"), r => Assert.True((string?)r.Value["status"] is "success" or "warning", r.Value.ToJsonString()));
        var stillPending = await run.Harness.PendingAsync();
        Assert.Equal(refusal == "deletedBeforeBatch" ? [] : ["INV-10006"], stillPending);
        var batched = (await run.Sandbox.StateAsync("connectwise", "batches"))
            .SelectMany(b => b.GetProperty("invoiceIds").EnumerateArray().Select(i => i.GetInt32())).Order().ToList();
        Assert.Equal(Enumerable.Range(70001, 12).Where(id => id != 70006), batched);

        // The next run posts nothing twice.
        await run.SyncAsync();
        var documents = await run.DocumentsAsync();
        Assert.All(documents, d => Assert.Single(d.Value));
        Assert.Equal(12, documents.Count);
        Console.WriteLine($"PROVIDERS refused batch ({refusal}) connectwise×{accounting}: 12 pending, 1 refused, 11 marked in the same run, duplicates 0");
    }

    private static List<(string Description, decimal Amount)> Lines(JsonElement document, string accounting) => accounting == "xero"
        ? document.GetProperty("LineItems").EnumerateArray().Select(l => (l.GetProperty("Description").GetString()!, l.GetProperty("LineAmount").GetDecimal())).ToList()
        : document.GetProperty("Line").EnumerateArray()
            .Where(l => l.GetProperty("DetailType").GetString() == "SalesItemLineDetail")
            .Select(l => (l.GetProperty("Description").GetString()!, l.GetProperty("Amount").GetDecimal())).ToList();
}
