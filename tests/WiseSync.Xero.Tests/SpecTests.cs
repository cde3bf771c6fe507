using System.Text.Json.Nodes;
using WiseSync.Testing;
using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

/// <summary>Request bodies the sink sends and the emulator's answers conform to xero_accounting.yaml.</summary>
public sealed class SpecTests
{
    // Shown in the spec's own response examples (GET /Invoices) but absent from its schemas.
    private static readonly Dictionary<string, ISet<string>> DocumentedExtras = new()
    {
        ["Invoices"] = new HashSet<string> { "Id", "Status", "ProviderName", "DateTimeUTC" },
        ["Contacts"] = new HashSet<string> { "Id", "Status", "ProviderName", "DateTimeUTC" },
        ["CreditNotes"] = new HashSet<string> { "Id", "Status", "ProviderName", "DateTimeUTC" },
        ["Invoice"] = new HashSet<string> { "DateString", "DueDateString" },
    };

    [SpecFact]
    public async Task Request_bodies_and_answers_match_the_invoices_and_contacts_schemas()
    {
        var checker = new OpenApiSchemaChecker(VendorSpecs.Require("xero_accounting.yaml"), DocumentedExtras);
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink(o => o.DivisionTrackingCategory = "Division");
        var people = new ContactSelection(new AccountingContactPerson("Pat", "Primary", "pat@acme.example"), [new AccountingContactPerson("Ann", "A", "ann@acme.example")], []);
        var customers = await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd", contacts: people), Customer("C2", "Beta Ltd")]);
        await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd", customers[0].Customer!.Id, new ContactSelection(null, [new AccountingContactPerson("Bob", "B", "bob@acme.example")], []))]);
        var id = customers[0].Customer!.Id;
        var first = await sink.UpsertInvoicesAsync([Invoice("INV-1", id) with { Division = "Projects", Reference = "PO-7" }, Invoice("INV-2", Guid.NewGuid().ToString()), CreditNote("CN-1", id, 20m)]);
        await sink.UpsertInvoicesAsync([Invoice("INV-1", id, revision: "r2") with { ExistingAccountingId = first[0].Invoice!.Id, TaxMode = TaxMode.NoTax }]);

        var requests = await sandbox.RequestsAsync();
        var checkedBodies = 0;
        foreach (var request in requests.Where(r => (string?)r!["method"] is "PUT" or "POST" && !((string?)r["path"])!.Contains("connect/token", StringComparison.Ordinal)))
        {
            var collection = ((string?)request!["path"])!.Split('/')[^1];
            var body = JsonNode.Parse((string)request["body"]!);
            Assert.Empty(checker.Check(body, collection));
            checkedBodies++;
        }

        Assert.True(checkedBodies >= 5, $"only {checkedBodies} write bodies recorded");
        foreach (var (path, schema) in new[] { ("Invoices?page=1", "Invoices"), ("Invoices", "Invoices"), ("Contacts?page=1", "Contacts"), ("CreditNotes?page=1", "CreditNotes") })
        {
            var (status, answer) = await sandbox.RawAsync(HttpMethod.Get, path);
            Assert.Equal(200, status);
            Assert.Empty(checker.Check(answer, schema));
        }

        var (_, written) = await sandbox.RawAsync(HttpMethod.Put, "Invoices?summarizeErrors=false", new { Invoices = new object[] { new { Type = "ACCREC", Contact = new { ContactID = id }, LineItems = new[] { new { Description = "x", Quantity = 1, UnitAmount = 1 } } }, new { Type = "ACCREC", Contact = new { ContactID = id }, LineItems = new[] { new { Quantity = 1 } } } } });
        Assert.Empty(checker.Check(written, "Invoices"));
    }

    [SpecFact]
    public void Checker_rejects_what_the_schema_does_not_allow()
    {
        var checker = new OpenApiSchemaChecker(VendorSpecs.Require("xero_accounting.yaml"));

        var problems = checker.Check(
            JsonNode.Parse("""{"Invoices":[{"Type":"SALE","InvoiceNumber":5,"Colour":"red","Contact":{"Name":"x","ContactNumber":"123456789012345678901234567890123456789012345678901"}}]}"""),
            "Invoices");

        Assert.Contains(problems, p => p.Contains("not in enum", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("InvoiceNumber: expected a string", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Colour: property not in schema", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("maxLength 50", StringComparison.Ordinal));
    }
}
