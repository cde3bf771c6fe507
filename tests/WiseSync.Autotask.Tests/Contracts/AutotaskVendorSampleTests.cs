using System.Text.Json;
using NodaTime;
using WiseSync.Autotask.Api;
using WiseSync.Autotask.Dto;
using WiseSync.Autotask.Invoices;

namespace WiseSync.Autotask.Tests.Contracts;

/// <summary>The provider against Autotask's own answers (Fixtures/autotask/SOURCES.md), served by WireMock.Net.</summary>
public sealed class AutotaskVendorSampleTests
{
    private static readonly LocalDate Thru = new(2026, 11, 30);

    [Fact]
    public async Task Contacts_sample_is_read_whole_and_the_query_carries_the_api_user_headers_and_search_body()
    {
        await using var vendor = new AutotaskVendorMock();
        vendor.Server.Given(AutotaskVendorMock.Api("Contacts/query").UsingPost().WithBody(AutotaskVendorMock.JsonBody(body =>
                body.GetProperty("maxRecords").GetInt32() == 500
                && body.GetProperty("filter").EnumerateArray().Single() is var f
                && f.GetProperty("op").GetString() == "in"
                && f.GetProperty("field").GetString() == "companyID"
                && f.GetProperty("value").EnumerateArray().Select(v => v.GetInt64()).SequenceEqual([174L]))))
            .RespondWith(AutotaskVendorMock.Json(200, AutotaskVendorMock.Sample("contacts-query.json")));

        var contacts = await vendor.Source().GetCompanyContactsAsync(["174"]);

        Assert.Empty(vendor.Unmatched());
        var contact = Assert.Single(contacts);
        Assert.Equal(new PsaContact("29683589", "174", "Mary", "Smith", "brobertson@autotaskdemo.com", false, true), contact);
        Assert.Equal(1, vendor.Count("GET", "/zoneInformation"));
    }

    [Fact]
    public async Task Empty_page_sample_ends_the_listing_and_the_invoice_query_is_the_documented_one()
    {
        await using var vendor = new AutotaskVendorMock();
        vendor.Server.Given(AutotaskVendorMock.Api("Invoices/query").UsingPost().WithBody(AutotaskVendorMock.JsonBody(body =>
            {
                var filters = body.GetProperty("filter").EnumerateArray().Select(f => (Op: f.GetProperty("op").GetString(), Field: f.GetProperty("field").GetString(), Value: f.TryGetProperty("value", out var v) ? v.ToString() : null)).ToList();
                return body.GetProperty("maxRecords").GetInt32() == 500
                    && filters.Contains(("notExist", "webServiceDate", null))
                    && filters.Contains(("lte", "invoiceDateTime", "2026-11-30T23:59:59"))
                    && filters.Contains(("eq", "isVoided", "False"));
            })))
            .RespondWith(AutotaskVendorMock.Json(200, AutotaskVendorMock.Sample("empty-query.json")));

        var invoices = await AutotaskSandbox.ListAsync(vendor.Source(), new PsaInvoiceQuery(Thru));

        Assert.Empty(invoices);
        Assert.Empty(vendor.Unmatched());
        Assert.Equal(1, vendor.Count("POST", "/Invoices/query"));
    }

    [Fact]
    public void Billing_code_sample_with_a_numeric_external_number_is_read_as_its_text_and_becomes_the_item_code()
    {
        var page = JsonSerializer.Deserialize(AutotaskVendorMock.Sample("billingcodes-query.json"), AutotaskJsonContext.Default.AtPageAtBillingCode)!;

        var code = Assert.Single(page.Items!);
        Assert.Equal("0", code.ExternalNumber);
        Assert.Equal("Finance", code.Name);

        var cache = new AutotaskRunCache(null!, AutotaskRecipientSource.BillingContacts);
        cache.BillingCodes[code.Id] = code;
        var mapper = new AutotaskInvoiceMapper(new AutotaskOptions(), DateTimeZone.Utc);
        var invoice = mapper.Map(
            new AtInvoice(Id: 1, CompanyID: 174, InvoiceDateTime: new DateTime(2026, 11, 2), InvoiceTotal: 10m),
            [new AtBillingItem(Id: 9, InvoiceID: 1, BillingCodeID: 2, Quantity: 1m, Rate: 10m, ExtendedPrice: 10m)],
            cache);
        Assert.Equal("0", Assert.Single(invoice.Lines).ItemCode);
    }

    [Fact]
    public void Companies_sample_reads_name_number_currency_and_activity()
    {
        var page = JsonSerializer.Deserialize(AutotaskVendorMock.Sample("companies-query.json"), AutotaskJsonContext.Default.AtPageAtCompany)!;

        var company = Assert.Single(page.Items!);
        Assert.Equal(174, company.Id);
        Assert.Equal("Autotask Corporation", company.CompanyName);
        Assert.Equal("289843", company.CompanyNumber);
        Assert.Equal(1, company.CurrencyID);
        Assert.True(company.IsActive);
        Assert.Null(page.PageDetails!.NextPageUrl);
    }

    [Theory]
    [InlineData("12061", "12061")]
    [InlineData("0.0000", "0.0000")]
    [InlineData("true", "true")]
    [InlineData("\"ACC-1\"", "ACC-1")]
    [InlineData("null", null)]
    public void A_text_field_keeps_whatever_scalar_autotask_sends_as_its_exact_text(string wire, string? expected)
    {
        var code = JsonSerializer.Deserialize("{\"id\":1,\"externalNumber\":" + wire + "}", AutotaskJsonContext.Default.AtBillingCode)!;

        Assert.Equal(expected, code.ExternalNumber);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("true", 1)]
    [InlineData("false", 0)]
    [InlineData("\"0\"", 0)]
    public void Contact_activity_is_read_as_a_number_or_a_boolean(string wire, int expected)
    {
        var contact = JsonSerializer.Deserialize("{\"id\":1,\"isActive\":" + wire + ",\"primaryContact\":1}", AutotaskJsonContext.Default.AtContact)!;

        Assert.Equal(expected, contact.IsActive);
        Assert.True(contact.PrimaryContact);
    }

    [Fact]
    public void A_value_that_is_not_scalar_where_text_is_expected_stays_unreadable_rather_than_guessed()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"id\":1,\"externalNumber\":{\"a\":1}}", AutotaskJsonContext.Default.AtBillingCode));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"id\":1,\"isActive\":2}", AutotaskJsonContext.Default.AtCompany));
    }

    [Fact]
    public async Task The_documented_patch_answer_marks_the_invoice_paid_with_the_date_sent_as_midnight()
    {
        await using var vendor = new AutotaskVendorMock();
        vendor.Server.Given(AutotaskVendorMock.Api("Invoices").UsingPatch().WithBody(AutotaskVendorMock.JsonBody(body =>
                body.GetProperty("id").GetInt64() == 4 && body.GetProperty("paidDate").GetString() == "2026-11-19T00:00:00")))
            .RespondWith(AutotaskVendorMock.Json(200, AutotaskVendorMock.Sample("patch-answer-itemid.json")));

        var results = await vendor.Source().SetPaidAsync([new PsaPaidMark("4", new LocalDate(2026, 11, 19), 10m)]);

        Assert.Empty(vendor.Unmatched());
        Assert.Equal(new PsaWriteResult("4"), Assert.Single(results));
        Assert.Equal(1, vendor.Count("PATCH", "/Invoices"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"itemId\": 4")]
    public async Task A_patch_answered_200_without_a_json_body_still_counts_as_landed(string body)
    {
        // Autotask's PATCH page: "When making operational calls, you will not receive a JSON-formatted response ...
        // check the HTTP status" (Fixtures/autotask/SOURCES.md). A run must not report a landed write as failed.
        await using var vendor = new AutotaskVendorMock();
        vendor.Server.Given(AutotaskVendorMock.Api("Invoices").UsingPatch().WithBody(AutotaskVendorMock.JsonBody(b =>
                b.GetProperty("id").GetInt64() == 4 && b.TryGetProperty("webServiceDate", out var stamp) && stamp.GetString()!.StartsWith("2026-11-21T09:00:00", StringComparison.Ordinal))))
            .RespondWith(AutotaskVendorMock.Json(200, body));

        var results = await vendor.Source().MarkSyncedAsync("b1", [new PsaSyncMark("4", Instant.FromUtc(2026, 11, 21, 9, 0), null)]);

        Assert.Empty(vendor.Unmatched());
        Assert.True(Assert.Single(results).Succeeded);
    }

    [Fact]
    public async Task A_zone_answer_with_only_url_and_web_url_is_enough_to_reach_the_zone()
    {
        // django-autotask reads exactly these two keys; its answer has no zoneName or ci.
        await using var vendor = new AutotaskVendorMock(root => AutotaskVendorMock.Sample("zoneinformation-url-weburl.json")
            .Replace("\"url\": \"https://localhost/\"", "\"url\": \"" + root + "\"", StringComparison.Ordinal));
        vendor.Server.Given(AutotaskVendorMock.Api("Invoices/query").UsingPost())
            .RespondWith(AutotaskVendorMock.Json(200, AutotaskVendorMock.Sample("empty-query.json")));

        var invoices = await AutotaskSandbox.ListAsync(vendor.Source(), new PsaInvoiceQuery(Thru));

        Assert.Empty(invoices);
        Assert.Empty(vendor.Unmatched());
        Assert.Equal(1, vendor.Count("GET", "/zoneInformation"));
        Assert.Equal(1, vendor.Count("POST", "/Invoices/query"));
    }

    [Fact]
    public async Task A_patch_of_a_record_autotask_no_longer_finds_is_that_invoices_red_light_not_a_connection_error()
    {
        await using var vendor = new AutotaskVendorMock();
        vendor.Server.Given(AutotaskVendorMock.Api("Invoices").UsingPatch().WithBody(AutotaskVendorMock.JsonBody(body =>
                body.GetProperty("id").GetInt64() == 4242 && body.GetProperty("paidDate").GetString() == "2026-11-19T00:00:00")))
            .RespondWith(AutotaskVendorMock.Json(500, AutotaskVendorMock.Sample("error-500-no-matching-records.json")));

        var results = await vendor.Source().SetPaidAsync([new PsaPaidMark("4242", new LocalDate(2026, 11, 19), 10m)]);

        Assert.Empty(vendor.Unmatched());
        var result = Assert.Single(results);
        Assert.False(result.Succeeded);
        Assert.Contains("No matching records found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permission_failure_answered_as_500_stops_with_a_configuration_error_naming_the_vendor_text()
    {
        await using var vendor = new AutotaskVendorMock();
        vendor.Server.Given(AutotaskVendorMock.Api("Invoices").UsingPatch())
            .RespondWith(AutotaskVendorMock.Json(500, AutotaskVendorMock.Sample("error-500-permission.json")));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => vendor.Source().SetPaidAsync([new PsaPaidMark("4242", new LocalDate(2026, 11, 19), 10m)]));

        Assert.Contains("does not have the adequate permissions", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    public async Task The_thread_threshold_text_is_a_concurrency_limit_whatever_the_status(int status)
    {
        await using var vendor = new AutotaskVendorMock();
        vendor.Server.Given(AutotaskVendorMock.Api("Invoices").UsingPatch())
            .RespondWith(AutotaskVendorMock.Json(status, AutotaskVendorMock.Sample("error-429-thread-threshold.json")));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => vendor.Source().MarkSyncedAsync("b1", [new PsaSyncMark("4242", Instant.FromUtc(2026, 11, 21, 9, 0), null)]));

        Assert.Equal(RateLimitKind.Concurrency, error.Kind);
    }

    [Theory]
    [InlineData("""{"errors":["Invoice is locked."]}""", "Invoice is locked.")]
    [InlineData("""{"errors":[{"message":"Invoice is locked."}]}""", "Invoice is locked.")]
    [InlineData("""{"errors":[],"message":"Invoice is locked.\r\n"}""", "Invoice is locked.")]
    [InlineData("<html>Service Unavailable</html>", "<html>Service Unavailable</html>")]
    public void Error_texts_are_kept_from_every_body_shape(string body, string expected)
    {
        Assert.Equal([expected], AutotaskErrorMapper.ReadMessages(body));
    }
}
