using System.Text.Json.Nodes;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Emulator;

/// <summary>The emulator keeps Intuit's rules (reference Part 2), so the sink's handling of them is tested for real.</summary>
public sealed class EmulatorRuleTests
{
    [Fact]
    public async Task Batch_of_more_than_30_items_is_refused_with_a_fault()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var items = new JsonArray(Enumerable.Range(1, 31).Select(i => (JsonNode)new JsonObject
        {
            ["bId"] = $"b{i}",
            ["operation"] = "create",
            ["Customer"] = new JsonObject { ["DisplayName"] = $"C{i}" },
        }).ToArray());

        var (status, body) = await qbo.CallApiAsync(HttpMethod.Post, "batch", new JsonObject { ["BatchItemRequest"] = items });

        Assert.Equal(400, status);
        Assert.Equal("ValidationFault", body["Fault"]!["type"]!.ToString());
        Assert.Empty(await qbo.StateAsync("customers", "Customer"));
    }

    [Fact]
    public async Task Query_with_or_is_refused_as_intuit_refuses_it()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        var (status, body) = await qbo.CallApiAsync(HttpMethod.Get, "query?query=" + Uri.EscapeDataString("select * from Customer where DisplayName = 'a' or DisplayName = 'b'"));

        Assert.Equal(400, status);
        Assert.Equal("4000", body["Fault"]!["Error"]![0]!["code"]!.ToString());
    }

    [Fact]
    public async Task Query_pages_with_startposition_and_maxresults()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await Drafts.CustomersAsync(qbo.Sink, 7);

        var (_, page) = await qbo.CallApiAsync(HttpMethod.Get, "query?query=" + Uri.EscapeDataString("select * from Customer where DisplayName like 'Company%' STARTPOSITION 4 MAXRESULTS 3"));
        var (tooMany, _) = await qbo.CallApiAsync(HttpMethod.Get, "query?query=" + Uri.EscapeDataString("select * from Customer MAXRESULTS 1500"));

        var names = page["QueryResponse"]!["Customer"]!.AsArray().Select(c => c!["DisplayName"]!.ToString());
        Assert.Equal(["Company 004", "Company 005", "Company 006"], names);
        Assert.Equal(400, tooMany);
    }

    [Fact]
    public async Task Document_number_over_21_and_email_over_100_characters_are_refused()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        JsonObject Invoice(string number, string email) => new()
        {
            ["DocNumber"] = number,
            ["CustomerRef"] = new JsonObject { ["value"] = customer },
            ["BillEmail"] = new JsonObject { ["Address"] = email },
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = 10,
                ["DetailType"] = "SalesItemLineDetail",
                ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = "1" } },
            }),
        };

        var (longNumber, numberFault) = await qbo.CallApiAsync(HttpMethod.Post, "invoice", Invoice(new string('7', 22), "a@b.example"));
        var (longEmail, emailFault) = await qbo.CallApiAsync(HttpMethod.Post, "invoice", Invoice("OK-1", new string('x', 90) + "@b.example.org"));

        Assert.Equal(400, longNumber);
        Assert.Contains("DocNumber", numberFault["Fault"]!["Error"]![0]!["Detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(400, longEmail);
        Assert.Equal("2050", emailFault["Fault"]!["Error"]![0]!["code"]!.ToString());
    }

    [Fact]
    public async Task Stale_sync_token_is_refused_with_5010()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var id = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var update = new JsonObject { ["Id"] = id, ["SyncToken"] = "0", ["sparse"] = true, ["Notes"] = "first" };

        var (first, _) = await qbo.CallApiAsync(HttpMethod.Post, "customer", update);
        var (second, fault) = await qbo.CallApiAsync(HttpMethod.Post, "customer", (JsonObject)update.DeepClone());

        Assert.Equal(200, first);
        Assert.Equal(400, second);
        Assert.Equal("5010", fault["Fault"]!["Error"]![0]!["code"]!.ToString());
    }

    [Fact]
    public async Task Forty_first_batch_in_a_minute_is_throttled_with_3001()
    {
        // Time scale 1: the sandbox's minute is a real minute, so 41 quick batches exceed 40 per minute.
        await using var qbo = await QuickBooksHarness.StartAsync(timeScale: 1);
        var statuses = new List<int>();
        JsonObject? last = null;
        for (var i = 0; i < 41; i++)
        {
            var (status, body) = await qbo.CallApiAsync(HttpMethod.Post, "batch", new JsonObject
            {
                ["BatchItemRequest"] = new JsonArray(new JsonObject { ["bId"] = "q", ["Query"] = "select * from Item" }),
            });
            statuses.Add(status);
            last = body;
        }

        Assert.All(statuses.Take(40), s => Assert.Equal(200, s));
        Assert.Equal(429, statuses[40]);
        Assert.Equal("3001", last!["Fault"]!["Error"]![0]!["code"]!.ToString());
        Assert.Equal(1, (await qbo.StatsAsync())["throttled"]!.GetValue<int>());
    }
}
