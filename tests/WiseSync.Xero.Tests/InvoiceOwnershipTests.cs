using System.Text.Json.Nodes;
using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

/// <summary>
/// "Invoice # must be unique" on create: only the document WiseSync provably wrote for this PSA invoice is updated
/// (created by this app, same contact, same exact number, same source link); every other holder is left unchanged.
/// </summary>
public sealed class InvoiceOwnershipTests
{
    private static async Task<(IAccountingSink Sink, string CustomerId)> SinkWithCustomerAsync(XeroSandbox sandbox, string name = "Acme Ltd")
    {
        var sink = sandbox.Sink();
        var customer = (await sink.EnsureCustomersAsync([Customer("C-" + name, name)]))[0];
        return (sink, customer.Customer!.Id);
    }

    private static object TypedInvoice(string contactId, string number, string description = "Typed by hand", decimal amount = 5m) => new
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

    [Fact]
    public async Task Bookkeepers_invoice_with_our_number_and_contact_is_left_unchanged_and_the_draft_is_red()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var typed = (await sandbox.WebAppAsync(TypedInvoice(customer, "INV-100")))[0]!;
        var before = Assert.Single(await sandbox.StateAsync("invoices"))!.ToJsonString();

        var result = (await sink.UpsertInvoicesAsync([Invoice("INV-100", customer, unitPrice: 250m, lines: 2)]))[0];

        Assert.False(result.Succeeded);
        Assert.Null(result.Invoice);
        Assert.Contains("The number INV-100 is already used by another Xero document", result.Error, StringComparison.Ordinal);
        Assert.Contains("WiseSync did not write", result.Error, StringComparison.Ordinal);
        var after = Assert.Single(await sandbox.StateAsync("invoices"))!;
        Assert.Equal((string?)typed["InvoiceID"], (string?)after["InvoiceID"]);
        Assert.Equal(before, after.ToJsonString());
        Assert.Equal(0, await sandbox.RouteCountAsync("POST /Invoices"));
    }

    [Fact]
    public async Task Another_apps_invoice_with_our_number_is_left_unchanged()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        await sandbox.WebAppAsync(TypedInvoice(customer, "INV-101", "Written by another tool", 77m), app: "AnotherSyncTool");

        var result = (await sink.UpsertInvoicesAsync([Invoice("INV-101", customer)]))[0];

        Assert.Contains("already used by another Xero document", result.Error, StringComparison.Ordinal);
        var invoice = Assert.Single(await sandbox.StateAsync("invoices"))!;
        Assert.Equal(77m, (decimal)invoice["Total"]!);
        Assert.Equal("Written by another tool", (string?)invoice["LineItems"]![0]!["Description"]);
    }

    [Fact]
    public async Task Invoice_this_app_wrote_for_the_same_psa_invoice_is_updated_when_the_ledger_lost_its_mapping()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var first = (await sink.UpsertInvoicesAsync([Invoice("INV-102", customer, lines: 3)]))[0];

        // The same PSA invoice, revised, with no ExistingAccountingId (a lost or rebuilt ledger).
        var second = (await sink.UpsertInvoicesAsync([Invoice("INV-102", customer, unitPrice: 80m, lines: 1, revision: "r2")]))[0];

        Assert.True(second.Succeeded, second.Error);
        Assert.False(second.Created);
        Assert.Equal(first.Invoice!.Id, second.Invoice!.Id);
        Assert.Contains(second.Warnings, w => w.Contains("written by WiseSync for this contact", StringComparison.Ordinal));
        var invoice = Assert.Single(await sandbox.StateAsync("invoices"))!;
        Assert.Equal(160m, (decimal)invoice["Total"]!);
        var lookup = (await sandbox.RequestsAsync()).Last(r => (string?)r!["method"] == "GET" && ((string?)r["path"])!.EndsWith("/Invoices", StringComparison.Ordinal))!;
        Assert.Contains("createdByMyApp=true", (string?)lookup["query"], StringComparison.Ordinal);
        Assert.Contains("InvoiceNumbers=INV-102", (string?)lookup["query"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoice_this_app_wrote_for_another_contact_is_not_taken_over()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, acme) = await SinkWithCustomerAsync(sandbox);
        var globex = (await sink.EnsureCustomersAsync([Customer("C-G", "Globex Ltd")]))[0].Customer!.Id;
        await sink.UpsertInvoicesAsync([Invoice("INV-103", acme)]);

        var result = (await sink.UpsertInvoicesAsync([Invoice("INV-103", globex, unitPrice: 999m, revision: "r2")]))[0];

        Assert.Contains("WiseSync wrote for another contact", result.Error, StringComparison.Ordinal);
        var invoice = Assert.Single(await sandbox.StateAsync("invoices"))!;
        Assert.Equal(acme, (string?)invoice["Contact"]!["ContactID"]);
        Assert.Equal(200m, (decimal)invoice["Total"]!);
    }

    [Fact]
    public async Task Invoice_this_app_wrote_with_another_source_link_is_not_taken_over()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        await sink.UpsertInvoicesAsync([Invoice("INV-104", customer) with { SourceUrl = new Uri("https://other-psa.example/invoices/9") }]);

        var result = (await sink.UpsertInvoicesAsync([Invoice("INV-104", customer, unitPrice: 999m, revision: "r2")]))[0];

        Assert.Contains("for another PSA invoice", result.Error, StringComparison.Ordinal);
        Assert.Equal(200m, (decimal)Assert.Single(await sandbox.StateAsync("invoices"))!["Total"]!);
    }

    [Fact]
    public async Task Voided_invoice_holding_the_number_is_named_and_left_alone()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var first = (await sink.UpsertInvoicesAsync([Invoice("INV-105", customer)]))[0];
        var (status, _) = await sandbox.RawAsync(HttpMethod.Post, $"Invoices/{first.Invoice!.Id}", new { Invoices = new[] { new { Status = "VOIDED" } } });
        Assert.Equal(200, status);

        var result = (await sink.UpsertInvoicesAsync([Invoice("INV-105", customer, revision: "r2")]))[0];

        Assert.Contains("now VOIDED", result.Error, StringComparison.Ordinal);
        Assert.Equal("VOIDED", (string?)Assert.Single(await sandbox.StateAsync("invoices"))!["Status"]);
    }

    [Fact]
    public async Task Credit_note_number_held_by_a_document_the_ledger_does_not_map_is_red_and_left_unchanged()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        await sandbox.WebAppAsync(new
        {
            CreditNotes = new[]
            {
                new { Type = "ACCRECCREDIT", CreditNoteNumber = "CN-7", Contact = new { ContactID = customer }, Status = "AUTHORISED", Date = "2026-11-02",
                    LineItems = new[] { new { Description = "Typed by hand", Quantity = 1, UnitAmount = 12m, AccountCode = "200" } } },
            },
        });

        var red = (await sink.UpsertInvoicesAsync([CreditNote("CN-7", customer, 40m)]))[0];

        Assert.Contains("already used by another Xero document (Xero records no creating app for credit notes", red.Error, StringComparison.Ordinal);
        var note = Assert.Single(await sandbox.StateAsync("creditnotes"))!;
        Assert.Equal(12m, (decimal)note["Total"]!);
        Assert.Equal(0, await sandbox.RouteCountAsync("POST /CreditNotes"));
    }

    [Fact]
    public async Task Credit_note_the_ledger_maps_is_updated()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var first = (await sink.UpsertInvoicesAsync([CreditNote("CN-8", customer, 40m)]))[0];

        var second = (await sink.UpsertInvoicesAsync([CreditNote("CN-8", customer, 55m) with { IdempotencyKey = "key-CN-8-r2", ExistingAccountingId = first.Invoice!.Id }]))[0];

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(first.Invoice.Id, second.Invoice!.Id);
        Assert.Equal(55m, (decimal)Assert.Single(await sandbox.StateAsync("creditnotes"))!["Total"]!);
    }

    [Fact]
    public async Task Recovery_lookup_by_number_returns_this_apps_invoices_and_never_a_bookkeepers()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var ours = (await sink.UpsertInvoicesAsync([Invoice("INV-106", customer)]))[0];
        await sandbox.WebAppAsync(TypedInvoice(customer, "INV-107"));
        await sandbox.WebAppAsync(TypedInvoice(customer, "INV-108"), app: "AnotherSyncTool");

        var found = await sink.FindInvoicesByNumberAsync(["INV-106", "INV-107", "INV-108"], DocumentKind.Invoice);

        var only = Assert.Single(found);
        Assert.Equal(ours.Invoice!.Id, only.Id);
        Assert.Equal("INV-106", only.Number);
    }

    [Fact]
    public async Task Mixed_chunk_updates_ours_creates_the_new_and_reds_only_the_bookkeepers_number()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        await sink.UpsertInvoicesAsync([Invoice("INV-110", customer)]);
        await sandbox.WebAppAsync(TypedInvoice(customer, "INV-111"));

        var results = await sink.UpsertInvoicesAsync([
            Invoice("INV-110", customer, unitPrice: 10m, revision: "r2"), Invoice("INV-111", customer), Invoice("INV-112", customer)]);

        Assert.True(results[0].Succeeded, results[0].Error);
        Assert.False(results[0].Created);
        Assert.False(results[1].Succeeded);
        Assert.True(results[2].Succeeded, results[2].Error);
        Assert.True(results[2].Created);
        var invoices = (await sandbox.StateAsync("invoices")).ToDictionary(i => (string)i!["InvoiceNumber"]!, i => (decimal)i!["Total"]!);
        Assert.Equal(new Dictionary<string, decimal> { ["INV-110"] = 20m, ["INV-111"] = 5m, ["INV-112"] = 200m }, invoices);
    }
}
