using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Providers;

/// <summary>
/// Issue 17 item 1, black box: the accounting system already holds a document with a pending PSA invoice's number — a
/// bookkeeper's own (for the very customer the sync will use, or for another) and another tool's. Two harness runs never
/// change either document; both invoices are red with "already used by another", stay pending in the PSA, and every other
/// invoice posts.
/// </summary>
public sealed class BookkeeperDocumentTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("autotask", "xero", true)]
    [InlineData("autotask", "xero", false)]
    [InlineData("connectwise", "quickbooks", false)]
    [InlineData("connectwise", "quickbooks", true)]
    public async Task A_document_someone_else_wrote_with_our_number_is_never_changed(string psa, string accounting, bool bookkeeperUsesOurCustomer)
    {
        await using var run = await ProviderRun.StartAsync(psa, accounting, new { generate = new { seed = 3, companies = 4, invoices = 8 } });
        var dataset = await run.DatasetAsync();
        var invoices = dataset["invoices"]!.AsArray().Select(i => i!.AsObject()).OrderBy(i => (int)i["id"]!).ToList();
        var companies = dataset["companies"]!.AsArray().ToDictionary(c => (int)c!["id"]!, c => (string)c!["name"]!);
        var bookkeepers = invoices[1];
        var anotherTools = invoices.First(i => (int)i["companyId"]! != (int)bookkeepers["companyId"]!);
        var (typed, written) = ((string)bookkeepers["number"]!, (string)anotherTools["number"]!);

        // A bookkeeper's customer named as the PSA company is the one the sync picks: then the document's customer is ours too.
        var customerName = bookkeeperUsesOurCustomer ? companies[(int)bookkeepers["companyId"]!] : "The Bookkeeper's Own Customer";
        await (accounting == "xero" ? WriteInXeroAsync(run, customerName, typed, written) : WriteInQuickBooksAsync(run, customerName, typed, written));
        var before = await run.DocumentsAsync();
        var snapshot = new[] { typed, written }.ToDictionary(n => n, n => Own(Assert.Single(before[n])));
        var pending = await run.Harness.PendingAsync();
        Assert.Contains(typed, pending);
        Assert.Contains(written, pending);

        for (var round = 1; round <= 2; round++)
        {
            var (outcome, report) = await run.SyncAsync();
            output.WriteLine($"run {round}: exit {outcome.ExitCode}; {typed}: {report[typed]["messages"]!.ToJsonString()}; {written}: {report[written]["messages"]!.ToJsonString()}");

            Assert.Equal(1, outcome.ExitCode);
            foreach (var number in snapshot.Keys)
            {
                Assert.Equal("error", (string?)report[number]["status"]);
                Assert.Contains(report[number]["messages"]!.AsArray(), m => ((string)m!).Contains("already used by another", StringComparison.Ordinal));
            }

            Assert.All(report.Where(r => !snapshot.ContainsKey(r.Key)), r => Assert.True((string?)r.Value["status"] is "success" or "warning", r.Value.ToJsonString()));
            var documents = await run.DocumentsAsync();
            foreach (var (number, json) in snapshot)
            {
                Assert.Equal(json, Own(Assert.Single(documents[number])));
            }

            Assert.All(documents, d => Assert.Single(d.Value));
            Assert.Equal(pending.Count, documents.Count);
        }

        Assert.Equal(snapshot.Keys.Order(), (await run.Harness.PendingAsync()).Order());
        Console.WriteLine($"PROVIDERS bookkeeper {psa}×{accounting} (our customer: {bookkeeperUsesOurCustomer}): {pending.Count} pending, 2 runs, 2 foreign documents changed 0 times, duplicates 0");
    }

    /// <summary>
    /// The document's own fields. Xero embeds its contact in an invoice answer: the sync may rightly update the contact
    /// persons of a customer it uses, so only the ContactID counts here.
    /// </summary>
    private static string Own(System.Text.Json.JsonElement document)
    {
        var node = JsonNode.Parse(document.GetRawText())!.AsObject();
        if (node["Contact"] is JsonObject contact)
        {
            node["Contact"] = new JsonObject { ["ContactID"] = contact["ContactID"]?.DeepClone() };
        }

        return node.ToJsonString();
    }

    private static async Task WriteInXeroAsync(ProviderRun run, string companyName, string typed, string written)
    {
        var customer = (string)(await run.XeroWebAppAsync(new { Contacts = new[] { new { Name = companyName } } }))[0]!["ContactID"]!;
        await run.XeroWebAppAsync(XeroInvoice(customer, typed, "Typed by the bookkeeper", 12.34m));
        var others = (string)(await run.XeroWebAppAsync(new { Contacts = new[] { new { Name = "Another Tool's Customer" } } }))[0]!["ContactID"]!;
        await run.XeroWebAppAsync(XeroInvoice(others, written, "Written by another tool", 56.78m), app: "AnotherSyncTool");
    }

    private static object XeroInvoice(string contactId, string number, string description, decimal amount) => new
    {
        Invoices = new[]
        {
            new
            {
                Type = "ACCREC", InvoiceNumber = number, Contact = new { ContactID = contactId }, Status = "AUTHORISED", Date = "2026-11-02", DueDate = "2026-12-02",
                LineItems = new[] { new { Description = description, Quantity = 1, UnitAmount = amount, AccountCode = "200" } },
            },
        },
    };

    private static async Task WriteInQuickBooksAsync(ProviderRun run, string companyName, string typed, string written)
    {
        var customer = (string)(await run.QuickBooksCreateAsync("customer", new { DisplayName = companyName }))["Customer"]!["Id"]!;
        await run.QuickBooksCreateAsync("invoice", QuickBooksInvoice(customer, typed, "Typed by the bookkeeper", 12.34m));
        var others = (string)(await run.QuickBooksCreateAsync("customer", new { DisplayName = "Another Tool's Customer" }))["Customer"]!["Id"]!;
        await run.QuickBooksCreateAsync("invoice", QuickBooksInvoice(others, written, "Written by another tool", 56.78m));
    }

    private static object QuickBooksInvoice(string customerId, string number, string description, decimal amount) => new
    {
        DocNumber = number,
        TxnDate = "2026-11-02",
        CustomerRef = new { value = customerId },
        Line = new[]
        {
            new
            {
                Amount = amount, Description = description, DetailType = "SalesItemLineDetail",
                SalesItemLineDetail = new { ItemRef = new { value = "1" }, Qty = 1, UnitPrice = amount },
            },
        },
    };
}
