using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;

namespace WiseSync.Autotask.Tests.Contracts;

/// <summary>
/// The emulator against the same vendor samples (Fixtures/autotask/SOURCES.md): every field a sample carries is in the
/// emulator's answer with the same JSON kind, and the provider reads what the vendor's demo data sends.
/// </summary>
public sealed class EmulatorVendorShapeTests
{
    private static readonly object NumericCompany = new
    {
        id = 174, name = "Autotask Corporation", accountNumber = "289843", paymentTermId = 1, taxRateId = 2, active = true,
        address1 = "26 Tech Valley Drive", city = "East Greenbush", state = "NY", postalCode = "12061", country = "United States",
    };

    private static readonly object NumericInvoice = new
    {
        id = 90001, number = "AT-90001", companyId = 174, date = "2026-11-02", dueDate = "2026-12-02", paymentTermId = 1, taxRateId = 2,
        currency = "USD", subtotal = 10.00m, tax = 0m, total = 10.00m,
        lines = new[] { new { id = 900011, kind = "Product", description = "Finance", itemCode = "4711", quantity = 1, unitPrice = 10.00m, amount = 10.00m, billable = true, taxable = false, tax = 0m } },
        recipients = Array.Empty<object>(),
    };

    [Fact]
    public async Task Listing_reads_company_numbers_and_item_codes_that_autotask_sends_as_numbers()
    {
        await using var sandbox = await SeededAsync();

        var invoice = Assert.Single(await AutotaskSandbox.ListAsync(sandbox.CreateSource(), new PsaInvoiceQuery(new LocalDate(2026, 11, 30)) { InvoiceIds = ["90001"] }));

        Assert.Equal("289843", invoice.Company.AccountNumber);
        Assert.Equal("4711", Assert.Single(invoice.Lines).ItemCode);
        var (_, raw) = await sandbox.CallAsync(HttpMethod.Post, "BillingCodes/query", Query("externalNumber", 4711));
        Assert.Equal(JsonValueKind.Number, raw!["items"]![0]!["externalNumber"]!.GetValueKind());
    }

    [Theory]
    [InlineData("companies-query.json", "Companies", "id", 174)]
    [InlineData("contacts-query.json", "Contacts", "companyID", 174)]
    [InlineData("billingcodes-query.json", "BillingCodes", "externalNumber", 4711)]
    [InlineData("empty-query.json", "Invoices", "id", 1)]
    public async Task Emulator_query_pages_carry_every_field_of_the_vendor_sample_with_the_same_kind(string sample, string entity, string field, long value)
    {
        await using var sandbox = await SeededAsync();
        var vendor = JsonNode.Parse(AutotaskVendorMock.Sample(sample))!.AsObject();

        var (status, emulated) = await sandbox.CallAsync(HttpMethod.Post, entity + "/query", Query(field, value));

        Assert.Equal(200, status);
        var differences = ShapeDifferences(vendor, emulated!.AsObject(), "$").Where(d => !SwaggerNamesOtherwise.Any(d.Contains)).ToList();
        Assert.Empty(differences);
    }

    /// <summary>
    /// The company sample calls the bill-to street lines billToAddress1/2 (their SOAP-era names); the vendor's swagger
    /// (CompanyModel, shared/specs/autotask) calls them billingAddress1/2, and the emulator follows the swagger.
    /// </summary>
    private static readonly string[] SwaggerNamesOtherwise = [".billToAddress1:", ".billToAddress2:"];

    private static object Query(string field, long value) => new { maxRecords = 500, filter = new[] { new { op = "eq", field, value } } };

    private static async Task<AutotaskSandbox> SeededAsync()
    {
        var sandbox = await AutotaskSandbox.StartAsync();
        await sandbox.SeedAsync(new
        {
            generate = new { },
            companies = new[] { NumericCompany },
            contacts = new[] { new { id = 1741, companyId = 174, firstName = "Mary", lastName = "Smith", email = "brobertson@autotaskdemo.com", isPrimary = true, active = true } },
            invoices = new[] { NumericInvoice },
            problems = new[] { new { kind = "numeric-text", vendor = "autotask" } },
        });
        return sandbox;
    }

    /// <summary>Fields of <paramref name="vendor"/> absent from <paramref name="emulated"/> or of another JSON kind (null fits any).</summary>
    internal static List<string> ShapeDifferences(JsonNode? vendor, JsonNode? emulated, string path)
    {
        var differences = new List<string>();
        if (vendor is null || emulated is null)
        {
            return differences;
        }

        var vendorKind = Kind(vendor);
        var emulatedKind = Kind(emulated);
        if (vendorKind != emulatedKind)
        {
            differences.Add($"{path}: vendor {vendorKind}, emulator {emulatedKind}");
            return differences;
        }

        if (vendor is JsonObject vendorObject)
        {
            var emulatedObject = emulated.AsObject();
            foreach (var (name, value) in vendorObject)
            {
                if (!emulatedObject.TryGetPropertyValue(name, out var other))
                {
                    differences.Add($"{path}.{name}: missing from the emulator");
                    continue;
                }

                differences.AddRange(ShapeDifferences(value, other, $"{path}.{name}"));
            }
        }
        else if (vendor is JsonArray vendorArray && vendorArray.Count > 0 && emulated.AsArray().Count > 0)
        {
            differences.AddRange(ShapeDifferences(vendorArray[0], emulated.AsArray()[0], path + "[0]"));
        }

        return differences;
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString(),
    };
}
