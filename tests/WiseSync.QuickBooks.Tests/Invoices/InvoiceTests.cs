using System.Text.Json.Nodes;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Invoices;

public sealed class InvoiceTests
{
    [Fact]
    public async Task Thirty_invoices_are_created_with_one_batch_call()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customers = await Drafts.CustomersAsync(qbo.Sink, 3);
        var before = await qbo.RouteCallsAsync("POST /batch");

        var results = await qbo.Sink.UpsertInvoicesAsync(Enumerable.Range(1, 30).Select(i => Drafts.Invoice($"{i}", $"INV-{i}", customers[i % 3])).ToList());

        Assert.All(results, r => Assert.True(r.Succeeded && r.Created, r.Error));
        Assert.Equal(before + 1, await qbo.RouteCallsAsync("POST /batch"));
        Assert.Equal(30, (await qbo.StateAsync("invoices", "Invoice")).Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"INV-{i}"), results.Select(r => r.Invoice!.Number));
    }

    [Fact]
    public async Task Batch_faults_are_mapped_to_the_invoices_that_caused_them()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var drafts = Enumerable.Range(1, 10).Select(i => Drafts.Invoice($"{i}", $"INV-{i}", i is 3 or 8 ? "999999" : customer)).ToList();

        var results = await qbo.Sink.UpsertInvoicesAsync(drafts);

        Assert.Equal(drafts.Select(d => d.PsaInvoiceId), results.Select(r => r.PsaInvoiceId));
        Assert.Equal([false, false, true, false, false, false, false, true, false, false], results.Select(r => r.Error is not null));
        Assert.Contains("Invalid Reference Id", results[2].Error, StringComparison.Ordinal);
        Assert.Contains("999999", results[7].Error, StringComparison.Ordinal);
        var stored = await qbo.StateAsync("invoices", "Invoice");
        Assert.Equal(8, stored.Count);
        Assert.DoesNotContain(stored, i => i!["DocNumber"]!.ToString() is "INV-3" or "INV-8");
    }

    [Fact]
    public async Task Mapped_invoice_is_updated_sparsely_with_its_sync_token_never_created_again()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var created = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 100m)]));

        var updated = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 250m, key: "key-1-r2") with { ExistingAccountingId = created.Invoice!.Id }]));

        Assert.True(updated.Succeeded, updated.Error);
        Assert.False(updated.Created);
        Assert.Equal(created.Invoice.Id, updated.Invoice!.Id);
        var stored = Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!;
        Assert.Equal("1", stored["SyncToken"]!.ToString());
        Assert.Equal(250m, stored["TotalAmt"]!.GetValue<decimal>());
        Assert.Single(stored["Line"]!.AsArray());
        var request = (await qbo.RecordedRequestsAsync()).Last(r => r!["path"]!.ToString().EndsWith("/batch", StringComparison.Ordinal))!;
        var item = JsonNode.Parse(request["body"]!.ToString())!["BatchItemRequest"]![0]!;
        Assert.Equal("update", item["operation"]!.ToString());
        Assert.True(item["Invoice"]!["sparse"]!.GetValue<bool>());
        Assert.Equal(created.Invoice.Id, item["Invoice"]!["Id"]!.ToString());
    }

    [Fact]
    public async Task Long_number_is_shortened_to_21_characters_the_same_way_every_time_with_a_warning()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        const string number = "AT-2026-11-000012345-EAST";

        var first = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", number, customer)]));
        var found = await qbo.Sink.FindInvoicesByNumberAsync([number], DocumentKind.Invoice);

        Assert.Equal(21, first.Invoice!.Number.Length);
        Assert.StartsWith("AT-2026-11-00", first.Invoice.Number, StringComparison.Ordinal);
        Assert.Contains(first.Warnings, w => w.Contains(number, StringComparison.Ordinal) && w.Contains(first.Invoice.Number, StringComparison.Ordinal));
        Assert.Equal(first.Invoice.Id, Assert.Single(found).Id);
        var stored = Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!;
        Assert.Contains(number, stored["PrivateNote"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Number_the_engine_already_shortened_is_posted_as_given_without_a_second_warning()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var draft = Drafts.Invoice("1", "AT-2026-11-0000-abc12", customer) with { OriginalNumber = "AT-2026-11-000012345-EAST-DIVISION" };

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([draft]));

        Assert.Equal("AT-2026-11-0000-abc12", result.Invoice!.Number);
        Assert.Empty(result.Warnings);
        Assert.Contains("AT-2026-11-000012345-EAST-DIVISION", (await qbo.StateAsync("invoices", "Invoice"))[0]!["PrivateNote"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_psa_invoice_becomes_a_credit_memo()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("9", "CR-9", customer, 40m, kind: DocumentKind.CreditNote)]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(DocumentKind.CreditNote, result.Invoice!.Kind);
        Assert.Contains("/app/creditmemo?txnId=" + result.Invoice.Id, result.Invoice.WebLink!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(40m, Assert.Single(await qbo.StateAsync("creditmemos", "CreditMemo"))!["TotalAmt"]!.GetValue<decimal>());
        Assert.Empty(await qbo.StateAsync("invoices", "Invoice"));
    }

    [Fact]
    public async Task Number_already_in_quickbooks_for_the_same_customer_is_updated_instead_of_duplicated()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var first = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 100m)]));

        // A lost ledger entry: the engine no longer knows the mapping and posts again with another key.
        var second = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 120m, key: "key-1-r2")]));

        Assert.True(second.Succeeded, second.Error);
        Assert.False(second.Created);
        Assert.Equal(first.Invoice!.Id, second.Invoice!.Id);
        Assert.Equal(120m, Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Number_used_by_another_customer_is_that_invoices_error()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customers = await Drafts.CustomersAsync(qbo.Sink, 2);
        await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customers[0])]);

        var other = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("2", "INV-1", customers[1])]));

        Assert.False(other.Succeeded);
        Assert.Contains("different customer", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_item_code_is_created_once_and_reused_by_later_chunks()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        var first = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, itemCode: "MSP-GOLD")]));
        var queriesAfterFirst = await qbo.RouteCallsAsync("GET /query");
        var second = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("2", "INV-2", customer, itemCode: "msp-gold")]));

        Assert.True(first.Succeeded && second.Succeeded);
        var items = await qbo.StateAsync("items", "Item");
        var item = Assert.Single(items, i => i!["Name"]!.ToString() == "MSP-GOLD")!;
        Assert.Equal(queriesAfterFirst, await qbo.RouteCallsAsync("GET /query"));
        foreach (var invoice in await qbo.StateAsync("invoices", "Invoice"))
        {
            Assert.Equal(item["Id"]!.ToString(), invoice!["Line"]![0]!["SalesItemLineDetail"]!["ItemRef"]!["value"]!.ToString());
        }
    }

    [Fact]
    public async Task Division_is_posted_as_the_mapped_class_and_recipients_as_bill_email()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.DivisionClasses["East"] = "5000000000000012345");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var emails = string.Join(",", Enumerable.Range(1, 5).Select(i => $"billing-contact-{i}@northwind-traders.example"));

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer) with { Division = "East", InvoiceEmail = emails }]));

        var stored = Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!;
        Assert.Equal("5000000000000012345", stored["Line"]![0]!["SalesItemLineDetail"]!["ClassRef"]!["value"]!.ToString());
        var billEmail = stored["BillEmail"]!["Address"]!.ToString();
        Assert.True(billEmail.Length <= 100);
        Assert.Equal(2, billEmail.Split(',').Length);
        Assert.Contains(result.Warnings, w => w.Contains("billing-contact-5@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Line_whose_amount_is_not_quantity_times_price_still_posts_the_exact_amount()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var draft = Drafts.Invoice("1", "INV-1", customer) with
        {
            Lines = [new AccountingLine("Hours", 3m, 3.33m, 10.00m, 0m)],
            Total = 10m,
        };

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([draft]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(10.00m, Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Automated_sales_tax_that_differs_from_the_psa_tax_gives_a_warning()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.AutomatedSalesTax = true);
        await qbo.CallApiAsync(HttpMethod.Post, "preferences", new JsonObject { ["TaxPrefs"] = new JsonObject { ["PartnerTaxEnabled"] = true } });
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];

        // The emulated engine charges 8.25 %: 8.25 on 100 matches, 5.00 on 200 does not (QBO says 16.50).
        var results = await qbo.Sink.UpsertInvoicesAsync([
            Drafts.Invoice("1", "INV-1", customer, 100m, tax: 8.25m),
            Drafts.Invoice("2", "INV-2", customer, 200m, tax: 5.00m),
        ]);

        Assert.Empty(results[0].Warnings);
        var warning = Assert.Single(results[1].Warnings);
        Assert.Contains("16.50", warning, StringComparison.Ordinal);
        Assert.Contains("5.00", warning, StringComparison.Ordinal);
        // The invoices' batch (item look-ups and creates travel in batches of their own).
        var sent = JsonNode.Parse((await qbo.RecordedRequestsAsync()).Last(r =>
            r!["path"]!.ToString().EndsWith("/batch", StringComparison.Ordinal) &&
            r["body"]?.ToString().Contains("\"Invoice\"", StringComparison.Ordinal) == true)!["body"]!.ToString())!;
        Assert.Null(sent["BatchItemRequest"]![0]!["Invoice"]!["TxnTaxDetail"]);
        Assert.Equal("TAX", sent["BatchItemRequest"]![0]!["Invoice"]!["Line"]![0]!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!.ToString());
    }

    [Fact]
    public async Task Invoice_link_opens_the_invoice_in_the_quickbooks_web_app()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.Environment = QuickBooksEnvironment.Production);

        var link = await qbo.Sink.GetInvoiceLinkAsync("145");

        Assert.Equal("https://app.qbo.intuit.com/app/invoice?txnId=145", link!.AbsoluteUri);
    }
}
