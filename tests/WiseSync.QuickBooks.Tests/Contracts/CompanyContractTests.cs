using WiseSync.QuickBooks.Invoices;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>CompanyInfo and Preferences as Intuit's SDKs recorded them make the company profile the writer follows.</summary>
public sealed class CompanyContractTests
{
    [Fact]
    public async Task Company_info_and_preferences_published_by_intuit_make_a_us_profile_without_reading_tax_codes()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.CompanyRequest($"companyinfo/{QuickBooksWireMock.RealmId}", "GET"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("php-sdk/companyinfo.json")));
        qbo.Server.Given(qbo.Query(q => q == "select * from Preferences"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("dotnet-sdk/preferences-query.json")));

        var profile = await QuickBooksCompanyProfile.ReadAsync(qbo.Api(), CancellationToken.None);

        Assert.Equal("US", profile.Country);
        Assert.True(profile.UsingSalesTax);
        Assert.Null(profile.PartnerTaxEnabled);
        Assert.True(profile.IsUnitedStates);
        Assert.False(profile.NeedsTaxCodes);
        Assert.Equal(2, qbo.ApiRequests().Count);
        Assert.DoesNotContain(qbo.ApiRequests("query"), e => e.RequestMessage.RawQuery!.Contains("TaxCode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_us_company_posts_documents_with_one_profile_read_per_run()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.CompanyRequest($"companyinfo/{QuickBooksWireMock.RealmId}", "GET"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("php-sdk/companyinfo.json")));
        qbo.Server.Given(qbo.Query(q => q == "select * from Preferences"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("dotnet-sdk/preferences-query.json")));
        // The recorded answer holds one item per bId "1"/"2": item 1 a Fault, item 2 not an invoice (python-quickbooks).
        qbo.Server.Given(qbo.CompanyRequest("batch", "POST"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("python-quickbooks/batch-results.json")));

        var first = await qbo.Sink.UpsertInvoicesAsync([Infrastructure.Drafts.Invoice("1", "INV-1", "58")]);
        var second = await qbo.Sink.UpsertInvoicesAsync([Infrastructure.Drafts.Invoice("2", "INV-2", "58")]);

        Assert.Contains("Duplicate Name Exists Error", first[0].Error, StringComparison.Ordinal);
        Assert.Contains("Duplicate Name Exists Error", second[0].Error, StringComparison.Ordinal);
        Assert.Single(qbo.ApiRequests("companyinfo"));
        Assert.Single(qbo.ApiRequests("query"), e => e.RequestMessage.RawQuery!.Contains("Preferences", StringComparison.Ordinal));
    }
}
