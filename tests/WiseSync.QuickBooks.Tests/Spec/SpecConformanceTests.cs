using System.Text.Json.Nodes;
using WiseSync.QuickBooks.Tests.Infrastructure;
using WiseSync.Testing;

namespace WiseSync.QuickBooks.Tests.Spec;

/// <summary>What the sink sends, and what the emulator answers, checked against the community QBO OpenAPI schemas.</summary>
public sealed class SpecConformanceTests
{
    private const string SpecFile = "quickbooks/quickbooks-accounting.api-evangelist.openapi.yml";

    [SpecFact]
    public async Task Invoice_bodies_sent_in_batches_conform_to_the_Invoice_schema()
    {
        var spec = OpenApiSchemaChecker.Load(VendorSpecs.Require(SpecFile));
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.DivisionClasses["East"] = "7");
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var created = await qbo.Sink.UpsertInvoicesAsync([
            Drafts.Invoice("1", "AT-2026-11-000012345-EAST", customer, 100m, tax: 7.5m, itemCode: "MSP-GOLD") with { Division = "East", InvoiceEmail = "a@b.example,c@d.example", Reference = "PO-77" },
            Drafts.Invoice("2", "INV-2", customer) with { Lines = [new AccountingLine("Hours", 3m, 3.33m, 10m, 0m)], Total = 10m, TaxMode = TaxMode.NoTax },
        ]);
        await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("2", "INV-2", customer, 90m, key: "k2") with { ExistingAccountingId = created[1].Invoice!.Id }]);

        var items = await BatchItemsAsync(qbo, "Invoice");

        Assert.Equal(3, items.Count);
        foreach (var (operation, body) in items)
        {
            Assert.Empty(spec.Check("Invoice", body, asCreate: operation == "create"));
        }
    }

    [SpecFact]
    public async Task Customer_bodies_sent_in_batches_conform_to_the_Customer_schema()
    {
        var spec = OpenApiSchemaChecker.Load(VendorSpecs.Require(SpecFile));
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme: East", "a@acme.example"), Drafts.Customer("2", "Beta", null)]);
        await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme: East", "b@acme.example")]);

        var items = await BatchItemsAsync(qbo, "Customer");

        Assert.Equal(3, items.Count);
        Assert.Contains(items, i => i.Operation == "update");
        foreach (var (operation, body) in items)
        {
            Assert.Empty(spec.Check("Customer", body, asCreate: operation == "create"));
        }
    }

    [SpecFact]
    public async Task Emulator_answers_conform_to_the_Invoice_Customer_and_Payment_schemas()
    {
        var spec = OpenApiSchemaChecker.Load(VendorSpecs.Require(SpecFile));
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 50m, tax: 5m)]);
        await qbo.PayAsync("INV-1", 55m, "2026-11-19");

        foreach (var invoice in await qbo.StateAsync("invoices", "Invoice"))
        {
            Assert.Empty(spec.Check("Invoice", invoice, asCreate: false));
        }

        foreach (var c in await qbo.StateAsync("customers", "Customer"))
        {
            Assert.Empty(spec.Check("Customer", c, asCreate: false));
        }

        foreach (var payment in await qbo.StateAsync("payments", "Payment"))
        {
            Assert.Empty(spec.Check("Payment", payment, asCreate: false));
        }
    }

    [SpecFact]
    public void Checker_reports_fields_the_spec_does_not_allow()
    {
        var spec = OpenApiSchemaChecker.Load(VendorSpecs.Require(SpecFile));
        var body = new JsonObject
        {
            ["DocNumber"] = new string('9', 22),
            ["CustomerRef"] = new JsonObject { ["value"] = "1" },
            ["Line"] = new JsonArray(new JsonObject { ["Amount"] = 1, ["DetailType"] = "SalesItemLineDetail" }),
            ["TotalAmt"] = 1,
            ["InvoiceNumber"] = "x",
        };

        var problems = spec.Check("Invoice", body, asCreate: true);

        Assert.Contains(problems, p => p.Contains("DocNumber: longer than 21", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("TotalAmt: read-only", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("InvoiceNumber: not in the spec", StringComparison.Ordinal));
    }

    private static async Task<List<(string Operation, JsonNode Body)>> BatchItemsAsync(QuickBooksHarness qbo, string entity) =>
        (await qbo.RecordedRequestsAsync())
            .Where(r => r!["path"]!.ToString().EndsWith("/batch", StringComparison.Ordinal))
            .SelectMany(r => JsonNode.Parse(r!["body"]!.ToString())!["BatchItemRequest"]!.AsArray())
            .Where(i => i![entity] is not null)
            .Select(i => (i!["operation"]!.ToString(), i[entity]!))
            .ToList();
}
