using System.Text.Json.Nodes;
using WiseSync.ConnectWise.Invoices;
using WiseSync.ConnectWise.Tests.Infrastructure;
using WiseSync.Testing;

namespace WiseSync.ConnectWise.Tests;

/// <summary>The emulator's answers, and the fields the client asks for, against the ConnectWise spec subsets.</summary>
public sealed class SpecShapeTests
{
    private const string Get2026 = "connectwise-manage-2026.4.GET-subset.openapi.json";
    private const string Schemas2025 = "connectwise-manage-2025.1.schemas-subset.openapi.json";

    [SpecFact]
    public async Task Invoices_companies_and_contacts_match_the_spec_schemas()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 30, companies: 6);
        await sandbox.Source().MarkSyncedAsync("spec-batch", [new PsaSyncMark("70001", NodaTime.Instant.FromUtc(2026, 11, 21, 0, 0), null)]);
        var spec = SpecSchema.Load(Get2026);

        var problems = new List<string>();
        foreach (var invoice in await sandbox.ListAsync("finance/invoices?pageSize=1000"))
            problems.AddRange(spec.Validate("Invoice", invoice));
        foreach (var company in await sandbox.ListAsync("company/companies?pageSize=1000"))
            problems.AddRange(spec.Validate("Company", company));
        foreach (var contact in await sandbox.ListAsync("company/contacts?pageSize=1000"))
            problems.AddRange(spec.Validate("Contact", contact));
        var (_, count) = await sandbox.CallAsync(sandbox.ApiRequest(HttpMethod.Get, "finance/invoices/count"));
        problems.AddRange(spec.Validate("Count", count));

        Assert.Empty(problems);
    }

    [SpecFact]
    public async Task Unposted_invoices_match_the_2025_schema()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 20);
        var spec = SpecSchema.Load(Schemas2025);

        var problems = (await sandbox.ListAsync("finance/accounting/unpostedinvoices?pageSize=1000")).SelectMany(u => spec.Validate("UnpostedInvoice", u)).ToList();

        Assert.Empty(problems);
    }

    [SpecFact]
    public void Fields_the_client_reads_exist_in_the_spec()
    {
        var invoice = SpecSchema.Load(Get2026).PropertiesOf("Invoice");
        var unposted = SpecSchema.Load(Schemas2025).PropertiesOf("UnpostedInvoice");

        var asked = WiseSync.ConnectWise.Invoices.ConnectWisePsaSource.InvoiceFields.Split(',');
        Assert.Empty(asked.Except(invoice));
        Assert.Empty(new[] { "billingLogId", "invoiceDate", "locationId", "invoiceNumber" }.Except(unposted));
        Assert.NotNull(VendorSpecs.Root);
    }

    [SpecFact]
    public void Invalid_shapes_are_caught_by_the_checker()
    {
        var spec = SpecSchema.Load(Get2026);

        var problems = spec.Validate("Invoice", JsonNode.Parse("""{"id":"7","type":"Bogus","company":{"id":1},"status":{"isClosed":"yes"},"madeUp":1}"""));

        Assert.Equal(4, problems.Count);
    }
}
