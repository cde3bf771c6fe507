using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.Sandbox;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Security;

/// <summary>
/// Two connections ("a" and "b") in one process, sharing one ledger file, each against its own sandbox (two tenants with
/// different data), syncing at the same time: each tenant's Xero holds exactly its own PSA's invoices, each batch is tagged
/// with its connection, and each connection keeps and uses its own tokens.
/// </summary>
public sealed class TwoTenantTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_connections_syncing_concurrently_never_touch_each_others_data_or_tokens()
    {
        var folder = Directory.CreateTempSubdirectory("wisesync-tenants-");
        var ledgerPath = Path.Combine(folder.FullName, "ledger.db");
        await using var sandboxA = await InProcessConnections.StartSandboxAsync(seed: 5, companies: 5, invoices: 10);
        await using var sandboxB = await InProcessConnections.StartSandboxAsync(seed: 9, companies: 7, invoices: 16);
        using var logs = new CapturingLoggerProvider();
        var services = InProcessConnections.Services(logs);
        InProcessConnections.Add(services, "a", sandboxA, "autotask", "xero", ledgerPath);
        InProcessConnections.Add(services, "b", sandboxB, "autotask", "xero", ledgerPath);
        await using var provider = InProcessConnections.Build(services);

        var runs = await Task.WhenAll(
            InProcessConnections.RunAsync(provider, "a", sandboxA),
            InProcessConnections.RunAsync(provider, "b", sandboxB));
        var (reportA, reportB) = (runs[0], runs[1]);
        output.WriteLine($"a: {reportA.Totals}; b: {reportB.Totals}");
        Assert.Equal(("a", 10, 0), (reportA.Connection, reportA.Totals.Invoices, reportA.Totals.Error));
        Assert.Equal(("b", 16, 0), (reportB.Connection, reportB.Totals.Invoices, reportB.Totals.Error));

        // Each tenant's books hold exactly its own PSA's invoices, for its own companies, all stamped synced in its PSA.
        foreach (var sandbox in new[] { sandboxA, sandboxB })
        {
            var psaInvoices = await StringsAsync(sandbox, "autotask/invoices", "invoiceNumber");
            var xeroInvoices = await StringsAsync(sandbox, "xero/invoices", "InvoiceNumber");
            Assert.Equal(psaInvoices.Order(StringComparer.Ordinal), xeroInvoices.Order(StringComparer.Ordinal));
            var companies = (await StringsAsync(sandbox, "autotask/companies", "companyName")).ToHashSet(StringComparer.Ordinal);
            var contacts = await ContactNamesOfInvoicesAsync(sandbox);
            Assert.All(contacts, name => Assert.Contains(name, companies));
            Assert.Equal(psaInvoices.Count, await CountAsync(sandbox, "autotask/invoices", "webServiceDate"));
        }

        Assert.Equal(10, (await StringsAsync(sandboxA, "xero/invoices", "InvoiceNumber")).Count);
        Assert.Equal(16, (await StringsAsync(sandboxB, "xero/invoices", "InvoiceNumber")).Count);

        // The shared ledger tags each batch with its connection.
        var ledger = provider.GetRequiredService<ISyncLedger>();
        var batchesA = (await ledger.GetBatchesAsync("a", 10)).Select(b => (b.Id, b.Connection)).ToList();
        var batchesB = (await ledger.GetBatchesAsync("b", 10)).Select(b => (b.Id, b.Connection)).ToList();
        Assert.Equal([(reportA.BatchId, "a")], batchesA);
        Assert.Equal([(reportB.BatchId, "b")], batchesB);

        // Each connection holds its own tokens, and each tenant's token endpoint was asked once: no connection ever
        // presented the other's token (that would be a 401, then a refresh at the wrong place).
        var tokens = provider.GetRequiredService<ITokenStore>();
        var tokenA = await tokens.GetAsync("xero", "a");
        var tokenB = await tokens.GetAsync("xero", "b");
        Assert.NotNull(tokenA);
        Assert.NotNull(tokenB);
        Assert.NotEqual(tokenA.AccessToken, tokenB.AccessToken);
        Assert.NotEqual(tokenA.RefreshToken, tokenB.RefreshToken);
        foreach (var sandbox in new[] { sandboxA, sandboxB })
        {
            var requests = await InProcessConnections.GetAsync(sandbox, "_sandbox/requests?vendor=xero&limit=1000");
            using var json = JsonDocument.Parse(requests);
            var entries = json.RootElement.EnumerateArray().ToList();
            var tokenRequests = entries.Count(e => e.GetProperty("path").GetString()!.Contains("connect/token", StringComparison.Ordinal));
            var unauthorized = entries.Count(e => e.GetProperty("status").GetInt32() == 401);
            output.WriteLine($"{sandbox.BaseUrl}: {entries.Count} xero requests, {tokenRequests} token requests, {unauthorized} answered 401");
            Assert.Equal(1, tokenRequests);
            Assert.Equal(0, unauthorized);
        }

        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static async Task<List<string>> StringsAsync(SandboxServer sandbox, string collection, string property)
    {
        using var json = JsonDocument.Parse(await InProcessConnections.GetAsync(sandbox, "_sandbox/state/" + collection));
        var values = new List<string>();
        Collect(json.RootElement, property, values);
        return values;
    }

    private static async Task<int> CountAsync(SandboxServer sandbox, string collection, string property)
    {
        using var json = JsonDocument.Parse(await InProcessConnections.GetAsync(sandbox, "_sandbox/state/" + collection));
        var values = new List<string>();
        Collect(json.RootElement, property, values);
        return values.Count(v => v.Length > 0);
    }

    /// <summary>The names of the contacts the tenant's Xero invoices are addressed to.</summary>
    private static async Task<List<string>> ContactNamesOfInvoicesAsync(SandboxServer sandbox)
    {
        using var json = JsonDocument.Parse(await InProcessConnections.GetAsync(sandbox, "_sandbox/state/xero/invoices"));
        var contacts = new List<JsonElement>();
        Find(json.RootElement, "Contact", contacts);
        var names = contacts.Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("Name", out _)).Select(c => c.GetProperty("Name").GetString()!).ToList();
        Assert.NotEmpty(names);
        return names;
    }

    private static void Collect(JsonElement element, string property, List<string> values)
    {
        var found = new List<JsonElement>();
        Find(element, property, found);
        values.AddRange(found.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.ValueKind == JsonValueKind.Null ? "" : v.GetRawText()));
    }

    private static void Find(JsonElement element, string property, List<JsonElement> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var child in element.EnumerateObject())
                {
                    if (string.Equals(child.Name, property, StringComparison.Ordinal))
                    {
                        found.Add(child.Value);
                    }
                    else
                    {
                        Find(child.Value, property, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Find(item, property, found);
                }

                break;
        }
    }
}
