using WiseSync.Xero.Tests.Infrastructure;
using Xunit.Abstractions;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

public sealed class CostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Four_hundred_invoices_for_forty_companies_cost_at_most_twenty_calls_and_no_429()
    {
        await using var sandbox = await XeroSandbox.StartAsync(timeScale: 60, rateLimits: true);
        var sink = sandbox.Sink();

        var customers = await sink.EnsureCustomersAsync(Enumerable.Range(1, 40).Select(i => Customer($"C{i}", $"Customer {i} Ltd")).ToList());
        var drafts = Enumerable.Range(0, 400).Select(i => Invoice($"INV-{i:0000}", customers[i % 40].Customer!.Id)).ToList();
        var results = new List<AccountingWriteResult>();
        foreach (var chunk in drafts.Chunk(sink.Capabilities.BatchSize))
        {
            results.AddRange(await sink.UpsertInvoicesAsync(chunk));
        }

        var stats = await sandbox.XeroStatsAsync();
        var calls = (int)stats["requests"]!;
        output.WriteLine($"Xero calls for 400 invoices / 40 companies: {calls} ({stats["byRoute"]!.ToJsonString()}), throttled {(int)stats["throttled"]!}");
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(400, (await sandbox.StateAsync("invoices")).Count);
        Assert.Equal(0, (int)stats["throttled"]!);
        Assert.InRange(calls, 1, 20);
        Assert.Equal(8, await sandbox.RouteCountAsync("PUT /Invoices"));
    }
}
