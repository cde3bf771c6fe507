using System.Text.Json.Nodes;
using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

public sealed class InvoiceTests
{
    private static async Task<(IAccountingSink Sink, string CustomerId)> SinkWithCustomerAsync(XeroSandbox sandbox, Action<XeroOptions>? configure = null)
    {
        var sink = sandbox.Sink(configure);
        var customer = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0];
        return (sink, customer.Customer!.Id);
    }

    [Fact]
    public async Task Validation_errors_in_a_batch_of_fifty_land_on_the_right_invoices()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var bad = new Dictionary<int, string> { [7] = "Currency code", [23] = "contact could not be found", [41] = "Currency code" };
        var drafts = Enumerable.Range(1, 50).Select(i => i switch
        {
            7 or 41 => Invoice($"INV-{N(i)}", customer) with { Currency = "EURO" },
            23 => Invoice($"INV-{N(i)}", Guid.NewGuid().ToString()),
            _ => Invoice($"INV-{N(i)}", customer),
        }).ToList();

        var results = await sink.UpsertInvoicesAsync(drafts);

        Assert.Equal(50, results.Count);
        for (var i = 1; i <= 50; i++)
        {
            var result = results[i - 1];
            Assert.Equal($"psa-INV-{N(i)}", result.PsaInvoiceId);
            if (bad.TryGetValue(i, out var message))
            {
                Assert.False(result.Succeeded);
                Assert.Contains(message, result.Error, StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                Assert.True(result.Succeeded, result.Error);
                Assert.True(result.Created);
                Assert.Equal($"INV-{N(i)}", result.Invoice!.Number);
            }
        }

        Assert.Equal(47, (await sandbox.StateAsync("invoices")).Count);
        Assert.Equal(1, await sandbox.RouteCountAsync("PUT /Invoices"));
    }

    [Fact]
    public async Task Mapped_invoice_is_updated_and_its_lines_replaced()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var first = (await sink.UpsertInvoicesAsync([Invoice("INV-200", customer, lines: 3)]))[0];

        var second = (await sink.UpsertInvoicesAsync([Invoice("INV-200", customer, unitPrice: 80m, lines: 1, revision: "r2") with { ExistingAccountingId = first.Invoice!.Id }]))[0];

        Assert.True(second.Succeeded, second.Error);
        Assert.False(second.Created);
        Assert.Equal(first.Invoice.Id, second.Invoice!.Id);
        var invoice = Assert.Single(await sandbox.StateAsync("invoices"));
        Assert.Single(invoice!["LineItems"]!.AsArray());
        Assert.Equal(160m, (decimal)invoice["Total"]!);
        Assert.Equal(1, await sandbox.RouteCountAsync("POST /Invoices"));
    }

    [Fact]
    public async Task Invoice_with_a_payment_is_left_alone_with_a_warning()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var first = (await sink.UpsertInvoicesAsync([Invoice("INV-300", customer)]))[0];
        await sandbox.PayAsync("INV-300", 50m, "2026-11-10");

        var second = (await sink.UpsertInvoicesAsync([Invoice("INV-300", customer, unitPrice: 999m, revision: "r2") with { ExistingAccountingId = first.Invoice!.Id }]))[0];

        Assert.True(second.Succeeded);
        Assert.False(second.Created);
        Assert.Contains(second.Warnings, w => w.Contains("payment or credit allocated", StringComparison.Ordinal));
        Assert.Equal(50m, second.Invoice!.AmountPaid);
        var invoice = Assert.Single(await sandbox.StateAsync("invoices"));
        Assert.Equal(200m, (decimal)invoice!["Total"]!);
    }

    [Fact]
    public async Task Request_replayed_after_a_dropped_connection_creates_nothing_twice()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var drafts = Enumerable.Range(1, 10).Select(i => Invoice($"INV-{N(i)}", customer)).ToList();

        // The emulator writes the invoices, then the connection drops before the answer arrives.
        await sandbox.AddFaultAsync(new { vendor = "xero", method = "PUT", pathContains = "/Invoices", reset = true, count = 1 });
        var results = await sink.UpsertInvoicesAsync(drafts);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(2, await sandbox.RouteCountAsync("PUT /Invoices"));
        var invoices = await sandbox.StateAsync("invoices");
        Assert.Equal(10, invoices.Count);
        Assert.Equal(results.Select(r => r.Invoice!.Id).Order(), invoices.Select(i => (string)i!["InvoiceID"]!).Order());
        var puts = (await sandbox.RequestsAsync()).Where(r => (string?)r!["method"] == "PUT" && ((string?)r["path"])!.EndsWith("/Invoices", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, puts.Count);
        var key = Header(puts[0]!, "Idempotency-Key");
        Assert.StartsWith("wisesync-", key, StringComparison.Ordinal);
        Assert.Equal(key, Header(puts[1]!, "Idempotency-Key"));
        Assert.NotNull((string?)puts[0]!["fault"]);
    }

    [Fact]
    public async Task Same_chunk_posted_again_gets_the_first_answer_back()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        var drafts = Enumerable.Range(1, 3).Select(i => Invoice($"INV-{N(i)}", customer)).ToList();

        var first = await sink.UpsertInvoicesAsync(drafts);
        var again = await sandbox.Sink().UpsertInvoicesAsync(drafts);

        Assert.Equal(first.Select(r => r.Invoice!.Id), again.Select(r => r.Invoice!.Id));
        Assert.All(again, r => Assert.True(r.Created));
        Assert.Equal(3, (await sandbox.StateAsync("invoices")).Count);
    }

    [Fact]
    public async Task Invoice_dated_inside_the_lock_date_is_red_and_names_the_date()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.SetLockDatesAsync("2026-10-31", null);
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);

        var results = await sink.UpsertInvoicesAsync(
        [
            Invoice("INV-400", customer, date: new NodaTime.LocalDate(2026, 10, 15)),
            Invoice("INV-401", customer, date: new NodaTime.LocalDate(2026, 11, 3)),
        ]);

        Assert.False(results[0].Succeeded);
        Assert.Contains("2026-10-31", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("period lock date", results[0].Error, StringComparison.Ordinal);
        Assert.True(results[1].Succeeded, results[1].Error);
        var invoice = Assert.Single(await sandbox.StateAsync("invoices"));
        Assert.Equal("INV-401", (string?)invoice!["InvoiceNumber"]);
    }

    [Fact]
    public async Task Negative_psa_invoice_becomes_an_accrec_credit_note()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);

        var results = await sink.UpsertInvoicesAsync([Invoice("INV-500", customer), CreditNote("CN-500", customer, 75m)]);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(DocumentKind.CreditNote, results[1].Invoice!.Kind);
        var note = Assert.Single(await sandbox.StateAsync("creditnotes"));
        Assert.Equal("ACCRECCREDIT", (string?)note!["Type"]);
        Assert.Equal("CN-500", (string?)note["CreditNoteNumber"]);
        Assert.Equal(75m, (decimal)note["Total"]!);
        Assert.Single(await sandbox.StateAsync("invoices"));
        Assert.Equal(1, await sandbox.RouteCountAsync("PUT /CreditNotes"));
    }

    [Fact]
    public async Task Lines_keep_four_decimals_tax_mode_division_and_link_back_to_the_psa()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox, o =>
        {
            o.DivisionTrackingCategory = "Division";
            o.InvoiceStatus = XeroInvoiceStatus.Draft;
        });
        var draft = Invoice("INV-600", customer) with
        {
            Lines = [new AccountingLine("Licence", 3m, 12.3456m, 37.04m, 0m)],
            Total = 37.04m,
            TaxMode = TaxMode.Inclusive,
            Division = "Managed Services",
        };

        var result = (await sink.UpsertInvoicesAsync([draft]))[0];

        Assert.True(result.Succeeded, result.Error);
        var invoice = Assert.Single(await sandbox.StateAsync("invoices"));
        var line = invoice!["LineItems"]![0]!;
        Assert.Equal(12.3456m, (decimal)line["UnitAmount"]!);
        Assert.Equal("Inclusive", (string?)invoice["LineAmountTypes"]);
        Assert.Equal("DRAFT", (string?)invoice["Status"]);
        Assert.Equal("https://psa.example/invoices/INV-600", (string?)invoice["Url"]);
        Assert.Equal("Managed Services", (string?)line["Tracking"]![0]!["Option"]);
        Assert.Equal("Division", (string?)line["Tracking"]![0]!["Name"]);
    }

    [Fact]
    public async Task Result_carries_the_deep_link_with_the_organisation_short_code()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);

        var result = (await sink.UpsertInvoicesAsync([Invoice("INV-700", customer)]))[0];
        var link = await sink.GetInvoiceLinkAsync(result.Invoice!.Id);

        Assert.Equal(new Uri($"https://go.xero.com/app/!sNdBx/invoicing/view/{result.Invoice.Id}"), link);
        Assert.Equal(link, result.Invoice.WebLink);
        Assert.Equal(1, await sandbox.RouteCountAsync("GET /Organisation"));
    }

    [Fact]
    public async Task Find_by_number_returns_existing_documents_only()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (sink, customer) = await SinkWithCustomerAsync(sandbox);
        await sink.UpsertInvoicesAsync([Invoice("INV-800", customer), CreditNote("CN-800", customer, 10m)]);

        var invoices = await sink.FindInvoicesByNumberAsync(["INV-800", "INV-801"], DocumentKind.Invoice);
        var notes = await sink.FindInvoicesByNumberAsync(["CN-800"], DocumentKind.CreditNote);

        Assert.Equal("INV-800", Assert.Single(invoices).Number);
        Assert.Equal("CN-800", Assert.Single(notes).Number);
    }

    private static string? Header(JsonNode request, string name) =>
        request["headers"] is JsonObject headers
            ? headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString()
            : null;
}
