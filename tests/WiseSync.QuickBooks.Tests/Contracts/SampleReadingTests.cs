using System.Text.Json;
using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Dto;
using WiseSync.QuickBooks.Invoices;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>
/// Samples whose wrapper the sink never meets in that exact form (an entity answer, a batch of other entities) are read
/// through the same DTOs the sink reads /batch and /query answers with: nothing may be dropped or misread.
/// </summary>
public sealed class SampleReadingTests
{
    private static readonly QuickBooksOptions Options = new() { RealmId = "1", Environment = QuickBooksEnvironment.Production };

    [Theory]
    [InlineData("qbo_api/create_invoice.yml", 0, "266", "1043", "2020-09-29", "2020-10-29", 100.00, 100.00)]
    [InlineData("qbo_api/delete_invoice.yml", 0, "266", "1043", "2020-09-29", "2020-10-29", 100.00, 100.00)]
    public void Invoices_recorded_from_intuit_are_read_with_amounts_dates_and_links(string cassette, int index, string id, string number, string date, string due, double total, double balance)
    {
        var invoice = Read(VendorSamples.Cassette(cassette, index).Body).Invoice!;

        AssertInvoice(invoice, id, number, date, due, (decimal)total, (decimal)balance);
        Assert.Equal("1", invoice.CustomerRef!.Value);
        Assert.Equal("NON", invoice.Line![0].SalesItemLineDetail!.TaxCodeRef!.Value);
        Assert.Equal("SubTotalLineDetail", invoice.Line[1].DetailType);
        Assert.Equal(0m, invoice.TxnTaxDetail!.TotalTax);
    }

    [Fact]
    public void Invoice_of_the_java_sdk_with_delivery_info_and_empty_lists_is_read()
    {
        var invoice = Read(VendorSamples.Text("java-sdk/invoice.json")).Invoice!;

        AssertInvoice(invoice, "20246", "4020", "2015-08-10", "2015-08-10", 100055.55m, 100055.55m);
        Assert.Equal("javasdk-fake-email@gmail.com", invoice.BillEmail!.Address);
        Assert.Empty(invoice.LinkedTxn!);
        Assert.Equal("2015-08-10T16:30:47-07:00", invoice.MetaData!.LastUpdatedTime);
        var reference = QuickBooksDocuments.ToRef(Options, DocumentKind.Invoice, invoice);
        Assert.Equal("Open", reference.Status);
        Assert.Equal("https://app.qbo.intuit.com/app/invoice?txnId=20246", reference.WebLink!.AbsoluteUri);
    }

    [Fact]
    public void Batch_answer_recorded_from_intuit_gives_each_bid_its_fault_or_entity()
    {
        var recorded = VendorSamples.Cassette("qbo_api/batch_basic.yml");
        var items = Read(recorded.Body).BatchItemResponse!;

        Assert.Equal(["bid1", "bid2", "bid3", "bid4"], items.Select(i => i.BatchId));
        Assert.Null(items[0].Fault);
        Assert.Equal("610", items[1].Fault!.Error![0].Code);
        Assert.Equal("ValidationFault", items[1].Fault!.Type);
        Assert.True(QuickBooksFaults.HasCode(items[2].Fault, QuickBooksFaults.StaleObject));
        Assert.Contains("Stale Object Error", QuickBooksFaults.Describe(items[2].Fault), StringComparison.Ordinal);
        Assert.NotNull(items[3].QueryResponse);
        Assert.Equal(1, items[3].QueryResponse!.StartPosition);
    }

    [Fact]
    public void Batch_answer_of_the_java_sdk_with_an_inactive_customer_a_query_and_a_fault_is_read()
    {
        var items = Read(VendorSamples.Text("java-sdk/batch-customer-query-fault.json")).BatchItemResponse!;

        Assert.Equal(["12", "13", "14"], items.Select(i => i.BatchId));
        Assert.Equal("NG:2285964", items[0].Customer!.Id);
        Assert.False(items[0].Customer!.Active);
        Assert.Equal("2012-08-14T07:25:33Z", items[0].Customer!.MetaData!.LastUpdatedTime);
        Assert.Equal("NG:2293936", Assert.Single(items[1].QueryResponse!.Customer!).Id);
        Assert.Equal("500", items[2].Fault!.Error![0].Code);
        Assert.Equal("Validation", items[2].Fault!.Type);
    }

    [Fact]
    public void Batch_answer_with_a_numeric_id_keeps_the_id_as_written()
    {
        var items = Read(VendorSamples.Text("python-quickbooks/batch-results.json")).BatchItemResponse!;

        Assert.Equal("164", items[0].Customer!.Id);
        Assert.Equal("6240", items[1].Fault!.Error![0].Code);
    }

    [Fact]
    public void The_401_body_is_read_in_lower_case_with_its_numeric_time()
    {
        var envelope = Read(VendorSamples.Cassette("qbo_api/error_401.yml").Body);

        Assert.Equal("1601391072830", envelope.Time);
        Assert.Equal("AUTHENTICATION", envelope.Fault!.Type);
        Assert.Equal("3200", envelope.Fault.Error![0].Code);
        Assert.StartsWith("message=AuthenticationFailed", envelope.Fault.Error[0].Message, StringComparison.Ordinal);
        Assert.Null(envelope.Fault.Error[0].Element);
        Assert.Empty(envelope.BatchItemResponse!);
    }

    [Fact]
    public void Preferences_and_company_info_of_intuits_sdks_are_read()
    {
        var preferences = Assert.Single(Read(VendorSamples.Text("dotnet-sdk/preferences-query.json")).QueryResponse!.Preferences!);
        var info = Read(VendorSamples.Text("php-sdk/companyinfo.json")).CompanyInfo!;

        Assert.True(preferences.TaxPrefs!.UsingSalesTax);
        Assert.Null(preferences.TaxPrefs.PartnerTaxEnabled);
        Assert.Equal("US", info.Country);
        Assert.Equal("TestCompany", info.CompanyName);
    }

    [Theory]
    [InlineData("quickbooks-ruby/too_many_requests_error.xml", "SERVICE", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429")]
    [InlineData("quickbooks-ruby/generic_error.xml", "SystemFault", "10000", "An application error has occurred while processing your request")]
    public void Xml_faults_recorded_from_intuit_are_read(string sample, string type, string code, string message)
    {
        var fault = IntuitXmlFault.TryRead(VendorSamples.Text(sample))!;

        Assert.Equal(type, fault.Type);
        Assert.Equal(code, fault.Error![0].Code);
        Assert.Equal(message, fault.Error[0].Message);
        Assert.False(string.IsNullOrEmpty(fault.Error[0].Detail));
    }

    [Fact]
    public void An_xml_body_with_a_dtd_is_not_read()
    {
        const string hostile = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><IntuitResponse><Fault type=\"x\"><Error code=\"1\"><Message>&e;</Message></Error></Fault></IntuitResponse>";

        Assert.Null(IntuitXmlFault.TryRead(hostile));
    }

    private static void AssertInvoice(QboTransaction invoice, string id, string number, string date, string due, decimal total, decimal balance)
    {
        Assert.Equal(id, invoice.Id);
        Assert.Equal(number, invoice.DocNumber);
        Assert.Equal(date, invoice.TxnDate);
        Assert.Equal(due, invoice.DueDate);
        Assert.Equal(total, invoice.TotalAmt);
        Assert.Equal(balance, invoice.Balance);
        Assert.Equal("SalesItemLineDetail", invoice.Line![0].DetailType);
        Assert.Equal("1", invoice.Line[0].SalesItemLineDetail!.ItemRef!.Value);
    }

    private static QboEnvelope Read(string json) => JsonSerializer.Deserialize(json, QuickBooksJsonContext.Default.QboEnvelope)!;
}
