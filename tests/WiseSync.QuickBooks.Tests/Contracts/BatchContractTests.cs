using System.Text.Json;
using WireMock.Matchers;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>/batch answers as vendor SDKs and clients published them: one item per bId, a Fault or an entity each.</summary>
public sealed class BatchContractTests
{
    [Fact]
    public async Task Published_batch_answer_creates_one_customer_and_refuses_the_other_by_its_bid()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Recorded(VendorSamples.Cassette("qbo_api/all_alt_select.yml", 4)));
        // python-quickbooks tests/unit/test_batch.py: bId "2" → Customer Id 164 (a number), bId "1" → Fault 6240.
        qbo.Server.Given(qbo.CompanyRequest("batch", "POST")
                .WithParam("requestid", new RegexMatcher("^ws[0-9a-f]{34}$"))
                .WithBody((string? body) => body is not null && IsBatchOfCustomerCreates(body)))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("python-quickbooks/batch-results.json")));

        var results = await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets"), Drafts.Customer("2", "Beta Supplies")]);

        Assert.Equal("164", results[1].Customer!.Id);
        Assert.Equal(CustomerMatchKind.Created, results[1].Match);
        Assert.Null(results[0].Customer);
        Assert.Contains("Duplicate Name Exists Error", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("code 6240", results[0].Error, StringComparison.Ordinal);
        var first = JsonDocument.Parse(qbo.ApiRequests("batch")[0].RequestMessage.Body!).RootElement.GetProperty("BatchItemRequest");
        Assert.Equal(["1", "2"], first.EnumerateArray().Select(i => i.GetProperty("bId").GetString()));
        Assert.Equal(["Acme Widgets", "Beta Supplies"], first.EnumerateArray().Select(i => i.GetProperty("Customer").GetProperty("DisplayName").GetString()));
    }

    [Fact]
    public async Task A_500_recorded_from_intuit_is_sent_once_more_with_the_same_requestid_and_body()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Recorded(VendorSamples.Cassette("qbo_api/all_alt_select.yml", 4)));
        qbo.Server.Given(qbo.CompanyRequest("batch", "POST")).InScenario("500 once").WillSetStateTo("answered")
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("quickbooks-ruby/generic_error.xml"), 500, "application/xml"));
        qbo.Server.Given(qbo.CompanyRequest("batch", "POST")).InScenario("500 once").WhenStateIs("answered")
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("python-quickbooks/batch-results.json")));

        var results = await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets"), Drafts.Customer("2", "Beta Supplies")]);

        Assert.Equal("164", results[1].Customer!.Id);
        var batches = qbo.ApiRequests("batch");
        Assert.True(batches.Count >= 2);
        Assert.Equal(500, (int)batches[0].ResponseMessage.StatusCode!);
        Assert.Equal(QueryString.Get(batches[0].RequestMessage.RawQuery!, "requestid"), QueryString.Get(batches[1].RequestMessage.RawQuery!, "requestid"));
        Assert.Equal(batches[0].RequestMessage.Body, batches[1].RequestMessage.Body);
        Assert.Contains(qbo.Logs.Lines, l => l.Contains("answered HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_500_twice_is_reported_with_intuits_own_message_and_sent_no_third_time()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Recorded(VendorSamples.Cassette("qbo_api/all_alt_select.yml", 4)));
        qbo.Server.Given(qbo.CompanyRequest("batch", "POST"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("quickbooks-ruby/generic_error.xml"), 500, "application/xml"));

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets")]));

        Assert.Contains("An application error has occurred while processing your request", error.Message, StringComparison.Ordinal);
        Assert.Contains("code 10000", error.Message, StringComparison.Ordinal);
        Assert.Contains("[HTTP 500]", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, qbo.ApiRequests("batch").Count);
    }

    // What Intuit's batch takes (IntuitRestServiceDef.xsd BatchItemRequest): bIds, an operation, one entity each.
    private static bool IsBatchOfCustomerCreates(string body)
    {
        using var json = JsonDocument.Parse(body);
        var items = json.RootElement.GetProperty("BatchItemRequest").EnumerateArray().ToList();
        return items.Count is > 0 and <= 30
            && items.Select((item, i) => item.GetProperty("bId").GetString() == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).All(x => x)
            && items.All(item => item.GetProperty("operation").GetString() == "create"
                && item.EnumerateObject().Count() == 3
                && item.GetProperty("Customer").GetProperty("DisplayName").GetString() is { Length: > 0 });
    }
}
