using Xunit.Abstractions;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Budget;

public sealed class CallBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Posting_300_invoices_for_33_companies_costs_at_most_012_calls_per_invoice_and_no_429()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        string[] codes = ["MSP-GOLD", "LABOR-REMOTE", "LABOR-ONSITE", "HW-RESALE"];
        var requests = Enumerable.Range(1, 33).Select(i => Drafts.Customer($"{i}", $"Client Company {i:000}", $"ap{i}@client{i}.example")).ToList();

        // As the engine runs it: customers once per company, then chunks of Capabilities.BatchSize.
        var customers = await qbo.Sink.EnsureCustomersAsync(requests);
        var drafts = Enumerable.Range(1, 300).Select(i =>
        {
            var customer = customers[i % 33].Customer!.Id;
            var lines = Enumerable.Range(0, 3).Select(l => new AccountingLine($"Line {l}", 2m, 12.5m, 25m, 0m) { ItemCode = codes[(i + l) % 4] }).ToList();
            return Drafts.Invoice($"{i}", $"T{i:00000}", customer) with { Lines = lines, Total = 75m };
        }).ToList();
        var results = new List<AccountingWriteResult>();
        foreach (var chunk in drafts.Chunk(qbo.Sink.Capabilities.BatchSize))
        {
            results.AddRange(await qbo.Sink.UpsertInvoicesAsync(chunk));
        }

        var stats = await qbo.StatsAsync();
        var calls = stats["requests"]!.GetValue<int>();
        var throttled = stats["throttled"]!.GetValue<int>();
        output.WriteLine($"QuickBooks calls for 300 invoices / 33 companies: {calls} ({calls / 300d:0.000} per invoice), throttled {throttled}; byRoute {stats["byRoute"]!.ToJsonString()}");

        Assert.All(results, r => Assert.True(r.Succeeded && r.Created, r.Error));
        Assert.Equal(300, (await qbo.StateAsync("invoices", "Invoice")).Count);
        Assert.Equal(33, (await qbo.StateAsync("customers", "Customer")).Count);
        Assert.Equal(0, throttled);
        Assert.True(calls <= 36, $"{calls} calls");
    }
}
