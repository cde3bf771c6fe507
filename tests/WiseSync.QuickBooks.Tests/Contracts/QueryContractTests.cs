using System.Collections.Concurrent;
using WiseSync.QuickBooks.Invoices;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>Query answers recorded from Intuit (Customer, Item, TaxCode, an empty answer, a Fault in place of rows).</summary>
public sealed class QueryContractTests
{
    [Fact]
    public async Task Customer_is_found_by_display_name_in_an_answer_recorded_from_intuit_with_the_quote_escaped_as_intuit_expects()
    {
        var recorded = VendorSamples.Cassette("qbo_api/get_display_name.yml");
        await using var qbo = QuickBooksWireMock.Start();
        // qbo_api sent the name as 'Amy\'s Bird Sanctuary' and Intuit found it: the sink must escape the quote the same way.
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer where DisplayName in (", StringComparison.Ordinal)
                && q.Contains("'Amy\\'s Bird Sanctuary'", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Recorded(recorded));

        var found = Assert.Single(await qbo.Sink.FindCustomersAsync([Drafts.Customer("77", "Amy's Bird Sanctuary")]));

        Assert.Contains("'Amy\\'s Bird Sanctuary'", recorded.Query, StringComparison.Ordinal);
        Assert.Equal(CustomerMatchKind.ByName, found.Match);
        Assert.Equal("1", found.Customer!.Id);
        Assert.Equal("Amy's Bird Sanctuary", found.Customer.Name);
        Assert.False(found.Customer.IsArchived);
    }

    [Fact]
    public async Task An_empty_answer_recorded_from_intuit_means_no_customer_and_nothing_is_written()
    {
        var empty = VendorSamples.Cassette("qbo_api/all_alt_select.yml", 4);
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal))).RespondWith(QuickBooksWireMock.Recorded(empty));

        var found = Assert.Single(await qbo.Sink.FindCustomersAsync([Drafts.Customer("1", "Nobody Ltd")]));

        Assert.Equal("{\"QueryResponse\":{},\"time\":\"2020-09-29T06:04:50.776-07:00\"}", empty.Body);
        Assert.Null(found.Customer);
        Assert.Equal(CustomerMatchKind.None, found.Match);
        Assert.Empty(qbo.ApiRequests("batch"));
    }

    [Fact]
    public async Task A_fault_inside_the_query_response_is_an_error_not_an_empty_result()
    {
        // IntuitRestServiceDef.xsd: a QueryResponse holds rows or a Fault. Read as "no rows", a lookup would create a duplicate.
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("java-sdk/query-customer-with-fault.json")));

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets")]));

        Assert.Contains("Unsupported operation requested", error.Message, StringComparison.Ordinal);
        Assert.Contains("code 500", error.Message, StringComparison.Ordinal);
        Assert.Empty(qbo.ApiRequests("batch"));
    }

    [Fact]
    public async Task Customer_known_by_id_is_read_from_an_answer_recorded_from_intuit()
    {
        var page = VendorSamples.Cassette("qbo_api/all_alt_select.yml", 1);
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer where Id in ('5')", StringComparison.Ordinal)
                && q.Contains("Active in (true, false)", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Recorded(page));

        var found = Assert.Single(await qbo.Sink.FindCustomersAsync([Drafts.Customer("9", "Dukes Basketball Camp", knownId: "5")]));

        Assert.Equal(CustomerMatchKind.ById, found.Match);
        Assert.Equal("Dukes Basketball Camp", found.Customer!.Name);
    }

    [Fact]
    public async Task Item_is_found_by_name_in_an_answer_recorded_from_intuit()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q == "select * from Item where Name in ('Plush Baby Doll') STARTPOSITION 1 MAXRESULTS 1000"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("quickbooks-ruby/items.converted.json")));
        var api = qbo.Api();

        var (ids, warnings) = await new QuickBooksItemResolver(api, qbo.Options, new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase))
            .ResolveAsync(["Plush Baby Doll"], CancellationToken.None);

        Assert.Equal("2", ids["Plush Baby Doll"]);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Tax_codes_recorded_from_intuit_are_read_and_chosen_by_id_or_name()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q == "select * from TaxCode STARTPOSITION 1 MAXRESULTS 1000"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("quickbooks-ruby/tax_codes.converted.json")));

        var codes = await qbo.Api().QueryAllAsync("TaxCode", [], q => q.TaxCode, CancellationToken.None);
        // The recording is of a US company; read here as the code list of a company that needs one code per line.
        var tax = new QuickBooksTaxCodes(new QuickBooksCompanyProfile("GB", true, null, codes), qbo.Options);
        var draft = Drafts.Invoice("1", "INV-1", "1");
        AccountingLine Line(string? code) => new("Support", 1m, 100m, 100m, 0m) { TaxCode = code };

        Assert.Equal(11, codes.Count);
        Assert.Equal(["TAX", "NON", "CustomSalesTax", "7"], codes.Take(4).Select(c => c.Id));
        Assert.True(codes.Single(c => c.Id == "7").TaxGroup);
        Assert.Equal("4", tax.ForLine(Line("fremont city"), draft, 1).Code!.Value);
        Assert.Equal("7", tax.ForLine(Line("7"), draft, 1).Code!.Value);
        Assert.Contains("Alameda County Tax (7)", tax.ForLine(Line(null), draft, 1).Error, StringComparison.Ordinal);
    }
}
