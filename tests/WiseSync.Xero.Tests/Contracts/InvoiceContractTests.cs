using System.Text.Json.Nodes;
using NodaTime;
using WireMock.Matchers;
using WiseSync.Xero.Api;
using static WiseSync.Xero.Tests.Contracts.XeroWireMock;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests.Contracts;

/// <summary>Invoices and credit notes: Xero's published PUT/GET answers, element errors, paid status.</summary>
public sealed class InvoiceContractTests
{
    private const string CustomerId = "430fa14a-f945-44d3-9f97-5df5e28441b8";

    [Fact]
    public async Task Published_put_invoices_answer_is_read_as_created_with_its_amounts()
    {
        await using var xero = Start();
        xero.Server.Given(Write("PUT", "Invoices", $"$.Invoices[?(@.Type == 'ACCREC' && @.Contact.ContactID == '{CustomerId}' && @.InvoiceNumber == 'INV-0007')]")
                .WithParam("unitdp", "4"))
            .RespondWith(Json(Fixture("invoices-put.json")));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice("INV-0007", CustomerId)]));

        Assert.Null(result.Error);
        Assert.True(result.Created);
        Assert.Equal("ed255415-e141-4150-aab7-89c3bbbb851c", result.Invoice!.Id);
        Assert.Equal("INV-0007", result.Invoice.Number);
        Assert.Equal("AUTHORISED", result.Invoice.Status);
        Assert.Equal(40.00m, result.Invoice.AmountDue);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Invoice_flagged_error_without_any_message_is_red_not_created()
    {
        // xero-node#204: HasErrors true, StatusAttributeString ERROR, the id the client sent, no message read.
        await using var xero = Start();
        xero.Server.Given(Write("PUT", "Invoices", "$.Invoices[0]"))
            .RespondWith(Json(Envelope("Invoices", "invoice-element-error-flags-only.json")));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice("INV-FLAGGED", CustomerId)]));

        Assert.Null(result.Invoice);
        Assert.False(result.Created);
        Assert.Contains("StatusAttributeString ERROR", result.Error, StringComparison.Ordinal);
        Assert.Contains("HasErrors", result.Error, StringComparison.Ordinal);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Invoice_with_the_all_zero_id_and_no_flags_is_red_not_created()
    {
        // The published PUT answer with only its id changed to Xero's placeholder for "not saved".
        await using var xero = Start();
        var answer = JsonNode.Parse(Fixture("invoices-put.json"))!;
        answer["Invoices"]![0]!["InvoiceID"] = "00000000-0000-0000-0000-000000000000";
        xero.Server.Given(Write("PUT", "Invoices", "$.Invoices[0]")).RespondWith(Json(answer.ToJsonString()));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice("INV-0007", CustomerId)]));

        Assert.Null(result.Invoice);
        Assert.Contains("00000000-0000-0000-0000-000000000000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_text_under_description_or_warnings_is_kept_in_the_red_message()
    {
        await using var xero = Start();
        var element = JsonNode.Parse(Fixture("invoice-element-error-flags-only.json"))!;
        element["ValidationErrors"] = new JsonArray(new JsonObject { ["Description"] = "Account code '999' is not a valid code for this document." });
        element["Warnings"] = new JsonArray(new JsonObject { ["Message"] = "Only AUTHORISED and BILLED purchase orders may have SentToContact updated." });
        xero.Server.Given(Write("PUT", "Invoices", "$.Invoices[0]"))
            .RespondWith(Json(new JsonObject { ["Invoices"] = new JsonArray(element) }.ToJsonString()));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice("INV-DESC", CustomerId)]));

        Assert.Null(result.Invoice);
        Assert.Contains("Account code '999' is not a valid code", result.Error, StringComparison.Ordinal);
        Assert.Contains("SentToContact", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Number_taken_then_published_get_invoice_answer_leaves_a_paid_invoice_alone()
    {
        // invoice-get-error-element.json: the spec's GET /Invoices/{id} example, INV-0006 PAID for the contact 430fa14a…, whose
        // element carries StatusAttributeString ERROR and "Invoice # must be unique." — first as the PUT answer, then as the
        // lookup of the invoices this app created with that number. The sample has no Url: a PSA that gives no link.
        await using var xero = Start();
        var sample = JsonNode.Parse(Fixture("invoice-get-error-element.json"))!;
        var number = (string)sample["Invoices"]![0]!["InvoiceNumber"]!;
        xero.Server.Given(Write("PUT", "Invoices", "$.Invoices[0]")).RespondWith(Json(sample.ToJsonString()));
        xero.Server.Given(XeroApi("GET", "Invoices").WithParam("InvoiceNumbers", number).WithParam("createdByMyApp", "true")).RespondWith(Json(sample.ToJsonString()));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice(number, CustomerId) with { SourceUrl = null }]));

        Assert.Null(result.Error);
        Assert.False(result.Created);
        Assert.Equal((string?)sample["Invoices"]![0]!["InvoiceID"], result.Invoice!.Id);
        Assert.Equal("PAID", result.Invoice.Status);
        Assert.Contains(result.Warnings, w => w.Contains("payment or credit allocated", StringComparison.Ordinal));
        Assert.Empty(xero.Sent("POST", "Invoices"));
        xero.AssertEveryRequestMatched();
    }

    [Theory]
    [InlineData("another contact", "b7d5f8a0-0000-4000-8000-000000000001", "INV-0006", null)]
    [InlineData("number in another case", CustomerId, "inv-0006", null)]
    [InlineData("another source link", CustomerId, "INV-0006", "https://psa.example/invoices/INV-0006")]
    public async Task Number_taken_by_an_invoice_this_app_wrote_for_something_else_is_red_and_nothing_is_posted(string why, string contact, string number, string? link)
    {
        // The same published answers; the draft differs from the invoice Xero holds in one of the three proofs.
        await using var xero = Start();
        var sample = JsonNode.Parse(Fixture("invoice-get-error-element.json"))!;
        xero.Server.Given(Write("PUT", "Invoices", "$.Invoices[0]")).RespondWith(Json(sample.ToJsonString()));
        xero.Server.Given(XeroApi("GET", "Invoices").WithParam("InvoiceNumbers", new WildcardMatcher(number, ignoreCase: false)).WithParam("createdByMyApp", "true"))
            .RespondWith(Json(sample.ToJsonString()));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice(number, contact) with { SourceUrl = link is null ? null : new Uri(link) }]));

        Assert.True(result.Error?.Contains($"The number {number} is already used by another Xero document", StringComparison.Ordinal), $"{why}: {result.Error}");
        Assert.Null(result.Invoice);
        Assert.Empty(xero.Sent("POST", "Invoices"));
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Number_taken_by_an_invoice_this_app_did_not_create_is_red_after_one_lookup()
    {
        // The published GET /Invoices answer holds INV-0001…0003 only: none is this number, so the holder is not ours.
        await using var xero = Start();
        var taken = JsonNode.Parse(Fixture("invoice-get-error-element.json"))!;
        xero.Server.Given(Write("PUT", "Invoices", "$.Invoices[0]")).RespondWith(Json(taken.ToJsonString()));
        xero.Server.Given(XeroApi("GET", "Invoices").WithParam("InvoiceNumbers", "INV-0006").WithParam("createdByMyApp", "true")).RespondWith(Json(Fixture("invoices-get.json")));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice("INV-0006", CustomerId) with { SourceUrl = null }]));

        Assert.Contains("WiseSync did not write: typed in Xero or written by another app", result.Error, StringComparison.Ordinal);
        Assert.Single(xero.Sent("GET", "Invoices"));
        Assert.Empty(xero.Sent("POST", "Invoices"));
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Paid_status_is_read_from_the_published_get_invoices_answer()
    {
        await using var xero = Start();
        string[] ids = ["d4956132-ed94-4dd7-9eaa-aa22dfdf06f2", "046d8a6d-1ae1-4b4d-9340-5601bdf41b87", "7ef31b20-de17-4312-8382-412f869b1510"];
        xero.Server.Given(XeroApi("GET", "Invoices").WithParam("IDs", new WildcardMatcher("*046d8a6d-1ae1-4b4d-9340-5601bdf41b87*")))
            .RespondWith(Json(Fixture("invoices-get.json")));

        var status = await xero.Sink().GetPaymentStatusAsync(new PaymentStatusQuery(ids, null));

        var paid = Assert.Single(status.Invoices, i => i.Number == "INV-0002");
        Assert.Equal("PAID", paid.Status);
        Assert.Equal(46.00m, paid.AmountPaid);
        Assert.Equal(0m, paid.AmountDue);
        Assert.Equal(new LocalDate(2018, 11, 29), paid.FullyPaidOn);
        Assert.Equal(115.00m, Assert.Single(status.Invoices, i => i.Number == "INV-0003").AmountDue);
        Assert.Equal(3, status.Invoices.Count);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Published_put_credit_notes_answer_is_read_as_created_with_its_ok_element_text_as_a_warning()
    {
        await using var xero = Start();
        xero.Server.Given(Write("PUT", "CreditNotes", $"$.CreditNotes[?(@.Type == 'ACCRECCREDIT' && @.Contact.ContactID == '{CustomerId}')]")
                .WithParam("unitdp", "4"))
            .RespondWith(Json(Fixture("creditnotes-put.json")));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([CreditNote("CN-NEW", CustomerId, 46m)]));

        Assert.Null(result.Error);
        Assert.True(result.Created);
        Assert.Equal("f9256f04-5a99-4680-acb9-6b4639cc439a", result.Invoice!.Id);
        Assert.Equal(DocumentKind.CreditNote, result.Invoice.Kind);
        Assert.Equal(46.0m, result.Invoice.AmountDue);

        // The published element says StatusAttributeString OK yet carries a ValidationErrors text: saved, text kept.
        Assert.Contains("An existing Credit Note with the specified CreditNoteID could not be found", result.Warnings);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Credit_note_flagged_error_without_message_is_red()
    {
        await using var xero = Start();
        var answer = JsonNode.Parse(Fixture("creditnotes-put.json"))!;
        var element = answer["CreditNotes"]![0]!;
        element["CreditNoteID"] = "00000000-0000-0000-0000-000000000000";
        element["HasErrors"] = true;
        element["StatusAttributeString"] = "ERROR";
        xero.Server.Given(Write("PUT", "CreditNotes", "$.CreditNotes[0]")).RespondWith(Json(answer.ToJsonString()));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([CreditNote("CN-FLAGGED", CustomerId, 46m)]));

        Assert.Null(result.Invoice);
        Assert.False(result.Created);
        Assert.Contains("An existing Credit Note with the specified CreditNoteID could not be found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_looks_invoices_up_among_those_this_app_created_and_skips_voided_ones()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Invoices").WithParam("InvoiceNumbers", "INV-0001,INV-0002,INV-0003").WithParam("createdByMyApp", "true"))
            .RespondWith(Json(Fixture("invoices-get.json")));

        var found = await xero.Sink().FindInvoicesByNumberAsync(["INV-0001", "INV-0002", "INV-0003"], DocumentKind.Invoice);

        Assert.Equal(["INV-0002", "INV-0003"], found.Select(f => f.Number).Order().ToArray());
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Credit_notes_found_by_number_from_the_published_get_answer()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "CreditNotes").WithParam("where", "CreditNoteNumber==\"CN-0005\""))
            .RespondWith(Json(Fixture("creditnotes-get.json")));

        var found = Assert.Single(await xero.Sink().FindInvoicesByNumberAsync(["CN-0005"], DocumentKind.CreditNote));

        Assert.Equal("249f15fa-f2a7-4acc-8769-0984103f2225", found.Id);
        Assert.Equal(32.5m, found.AmountDue);
        Assert.Equal(2.0m, found.AmountPaid);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Refused_or_of_credit_note_numbers_falls_back_to_one_number_per_call()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "CreditNotes").WithParam("where", new WildcardMatcher("*||*")))
            .RespondWith(Json(Fixture("error-400-highvolume-contacts.json"), 400));
        xero.Server.Given(XeroApi("GET", "CreditNotes").WithParam("where", "CreditNoteNumber==\"CN-0005\""))
            .RespondWith(Json(Fixture("creditnotes-get.json")));
        xero.Server.Given(XeroApi("GET", "CreditNotes").WithParam("where", "CreditNoteNumber==\"CN-0404\""))
            .RespondWith(Json(Fixture("error-400-highvolume-contacts.json"), 400));

        var found = await xero.Sink().FindInvoicesByNumberAsync(["CN-0005", "CN-0404"], DocumentKind.CreditNote);

        Assert.Equal("249f15fa-f2a7-4acc-8769-0984103f2225", Assert.Single(found).Id);
        Assert.Equal(3, xero.Sent("GET", "CreditNotes").Count);
    }

    [Fact]
    public async Task Published_post_invoices_answer_is_read_as_updated()
    {
        await using var xero = Start();
        const string id = "ed255415-e141-4150-aab7-89c3bbbb851c";
        xero.Server.Given(Write("POST", "Invoices", $"$.Invoices[?(@.InvoiceID == '{id}' && @.Type == 'ACCREC')]").WithParam("unitdp", "4"))
            .RespondWith(Json(Fixture("invoices-post.json")));

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice("INV-0007", CustomerId) with { ExistingAccountingId = id }]));

        Assert.Null(result.Error);
        Assert.False(result.Created);
        Assert.Equal(id, result.Invoice!.Id);
        Assert.Equal(40.00m, result.Invoice.AmountDue);
        Assert.Empty(xero.Sent("PUT", "Invoices"));
        xero.AssertEveryRequestMatched();
    }
}
