using System.Net;
using System.Text.Json;
using NodaTime;
using WiseSync.ConnectWise.Api;
using WiseSync.ConnectWise.Customers;
using WiseSync.ConnectWise.Dto;
using WiseSync.ConnectWise.Invoices;

namespace WiseSync.ConnectWise.Tests.Contracts;

/// <summary>The provider against ConnectWise's own answers (Fixtures/connectwise/SOURCES.md), served by WireMock.Net.</summary>
public sealed class ConnectWiseVendorSampleTests
{
    [Fact]
    public async Task Contacts_sample_with_communication_items_is_read_and_the_request_carries_auth_client_id_version_and_query()
    {
        await using var vendor = new CwVendorMock();
        vendor.Server.Given(CwVendorMock.Api("company/contacts").UsingGet()
                .WithParam("conditions", "company/id in (2)")
                .WithParam("pageSize", "1000")
                .WithHeader("pagination-type", "forward-only"))
            .RespondWith(CwVendorMock.Json(200, CwVendorMock.Sample("contacts.json")));

        var contacts = await vendor.Source().GetCompanyContactsAsync(["2"]);

        Assert.Empty(vendor.Unmatched());
        var contact = Assert.Single(contacts);
        Assert.Equal(new PsaContact("2", "2", "Arnie", "Bellini", "Arnie@YourCompany.com", true, true), contact);
    }

    [Fact]
    public async Task A_smaller_page_size_is_sent_as_set_and_the_link_header_is_followed_with_the_conditions()
    {
        await using var vendor = new CwVendorMock();
        vendor.Server.Given(CwVendorMock.Api("company/contacts").UsingGet().WithParam("conditions", "company/id in (2)").WithParam("pageSize", "1")
                .WithParam("pageId", WireMock.Matchers.MatchBehaviour.RejectOnMatch))
            .RespondWith(CwVendorMock.Json(200, CwVendorMock.Sample("contacts.json"))
                .WithHeader("Link", $"<{vendor.Server.Url}{CwVendorMock.ApiPath}company/contacts?conditions=company%2Fid%20in%20(2)&pageSize=1&pageId=2>; rel=\"next\""));
        vendor.Server.Given(CwVendorMock.Api("company/contacts").UsingGet().WithParam("conditions", "company/id in (2)").WithParam("pageSize", "1").WithParam("pageId", "2"))
            .RespondWith(CwVendorMock.Json(200, "[]"));

        var contacts = await vendor.Source(o => o.PageSize = 1).GetCompanyContactsAsync(["2"]);

        Assert.Empty(vendor.Unmatched());
        Assert.Single(contacts);
        Assert.Equal(2, vendor.Server.LogEntries.Count());
    }

    [Fact]
    public void Companies_sample_reads_identity_bill_to_and_the_null_billing_settings()
    {
        var companies = JsonSerializer.Deserialize(CwVendorMock.Sample("companies.json"), CwJsonContext.Default.ListCwCompany)!;
        var contacts = JsonSerializer.Deserialize(CwVendorMock.Sample("contacts.json"), CwJsonContext.Default.ListCwContact)!;

        var company = Assert.Single(companies);
        Assert.Equal((2, "YourCompany", "TestCompany", ""), (company.Id, company.Identifier, company.Name, company.AccountNumber));
        Assert.Equal(2, company.BillToCompany!.Id);
        Assert.Equal(77, company.DefaultContact!.Id);
        Assert.Null(company.BillingContact);
        Assert.Null(company.InvoiceToEmailAddress);
        Assert.False(company.DeletedFlag);
        // No billing contact, no default-billing flag and no invoice addresses: no recipient is made up.
        Assert.Empty(RecipientResolver.Resolve(company, contacts.ToDictionary(c => c.Id), contacts));
        Assert.Equal("Arnie@YourCompany.com", RecipientResolver.EmailOf(Assert.Single(contacts)));
    }

    [Fact]
    public async Task The_vendors_400_body_keeps_its_message_and_each_fields_message()
    {
        await using var vendor = new CwVendorMock();
        vendor.Server.Given(CwVendorMock.Api("finance/invoices/count").UsingGet())
            .RespondWith(CwVendorMock.Json(400, CwVendorMock.Sample("error-400-invalidobject.json")));

        var result = await vendor.Source().TestConnectionAsync();

        Assert.Empty(vendor.Unmatched());
        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient);
        Assert.Contains("configuration object is invalid", result.Message, StringComparison.Ordinal);
        Assert.Contains("id: id or deviceIdentifier is required.", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_count_answer_is_read_for_the_connection_test_of_invoices_and_unposted_invoices()
    {
        await using var vendor = new CwVendorMock();
        vendor.Server.Given(CwVendorMock.Api("finance/invoices/count").UsingGet())
            .RespondWith(CwVendorMock.Json(200, CwVendorMock.Sample("count.json")));
        vendor.Server.Given(CwVendorMock.Api("finance/accounting/unpostedinvoices/count").UsingGet())
            .RespondWith(CwVendorMock.Json(200, CwVendorMock.Sample("count.json")));

        var result = await vendor.Source().TestConnectionAsync();

        Assert.Empty(vendor.Unmatched());
        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("1 invoices, 1 unposted", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Including_synced_invoices_never_asks_connectwise_to_filter_on_status_is_closed()
    {
        await using var vendor = new CwVendorMock();
        vendor.Server.Given(CwVendorMock.Api("finance/invoices").UsingGet()
                .WithParam("conditions", "date < [2026-12-02T00:00:00Z]")
                .WithParam("fields", ConnectWisePsaSource.InvoiceFields))
            .RespondWith(CwVendorMock.Json(200, "[]"));

        var invoices = new List<PsaInvoice>();
        await foreach (var invoice in vendor.Source().GetInvoicesAsync(new PsaInvoiceQuery(new LocalDate(2026, 11, 30)) { IncludeAlreadySynced = true }))
        {
            invoices.Add(invoice);
        }

        Assert.Empty(vendor.Unmatched());
        Assert.Empty(invoices);
        Assert.DoesNotContain(vendor.Server.LogEntries, e => e.RequestMessage.Url.Contains("isClosed", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_page_size_above_1000_is_refused_before_any_request_instead_of_being_cut()
    {
        using var handler = new CountingHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/v4_6_release/apis/3.0/") };
        var api = new ConnectWiseApi(http);

        var error = await Assert.ThrowsAsync<ConfigurationException>(async () =>
        {
            await foreach (var _ in api.GetAllAsync("company/contacts", null, CwJsonContext.Default.ListCwContact, null, 1001))
            {
            }
        });

        Assert.Contains("between 1 and 1000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Calls);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]") });
        }
    }
}
