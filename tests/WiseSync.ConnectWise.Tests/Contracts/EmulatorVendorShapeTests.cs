using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using WiseSync.ConnectWise.Dto;
using WiseSync.ConnectWise.Tests.Infrastructure;

namespace WiseSync.ConnectWise.Tests.Contracts;

/// <summary>
/// The emulator against the same vendor samples (Fixtures/connectwise/SOURCES.md): the fields the provider reads come
/// back with the vendor's JSON kinds, errors in the vendor's shape, and a refused condition is survived.
/// </summary>
public sealed class EmulatorVendorShapeTests
{
    private static readonly object[] RefuseIsClosed =
    [
        new { kind = "refuseCondition", vendor = "connectwise", data = new { field = "status/isClosed" } },
        new { kind = "openInvoice", vendor = "connectwise", invoiceId = 70003 },
    ];

    /// <summary>The fields CwCompany and CwContact read (the rest of the sample is not the provider's business).</summary>
    private static readonly string[] CompanyFields = ["id", "identifier", "name", "accountNumber", "defaultContact", "billingContact", "billToCompany", "invoiceToEmailAddress", "invoiceCCEmailAddress", "deletedFlag"];

    private static readonly string[] ContactFields = ["id", "firstName", "lastName", "company", "inactiveFlag", "defaultFlag", "defaultBillingFlag", "communicationItems"];

    [Theory]
    [InlineData("companies.json", "company/companies")]
    [InlineData("contacts.json", "company/contacts")]
    public async Task The_fields_the_provider_reads_come_back_from_the_emulator_in_the_vendor_samples_kinds(string sample, string path)
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, companies: 3);
        var vendor = JsonNode.Parse(CwVendorMock.Sample(sample))!.AsArray()[0]!.AsObject();
        var fields = path.EndsWith("companies", StringComparison.Ordinal) ? CompanyFields : ContactFields;

        var emulated = await sandbox.ListAsync(path + "?pageSize=1000");
        var richest = emulated.OrderByDescending(e => e!.AsObject().Count(p => p.Value is not null)).First()!.AsObject();

        var differences = fields.Where(vendor.ContainsKey).SelectMany(f => ShapeDifferences(vendor[f], richest.TryGetPropertyValue(f, out var v) ? v : null, f, required: true)).ToList();
        Assert.Empty(differences);
    }

    [Fact]
    public async Task Email_communication_items_carry_the_domain_with_its_at_sign_like_the_vendors()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, companies: 3);
        var vendorEmail = JsonNode.Parse(CwVendorMock.Sample("contacts.json"))![0]!["communicationItems"]!.AsArray().Single(i => (string?)i!["communicationType"] == "Email")!;

        var emails = (await sandbox.ListAsync("company/contacts?pageSize=1000")).SelectMany(c => c!["communicationItems"]!.AsArray()).Where(i => (string?)i!["communicationType"] == "Email").ToList();

        Assert.StartsWith("@", (string?)vendorEmail["domain"], StringComparison.Ordinal);
        Assert.NotEmpty(emails);
        Assert.All(emails, e => Assert.Equal("@" + ((string)e!["value"]!).Split('@')[1], (string?)e["domain"]));
    }

    [Fact]
    public async Task Company_info_answers_with_the_vendors_keys_and_kinds()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 1, companies: 1);
        var vendor = JsonNode.Parse(CwVendorMock.Sample("companyinfo.json"))!;

        var emulated = await sandbox.GetJsonAsync("connectwise/login/companyinfo/sandbox");

        Assert.Empty(ShapeDifferences(vendor, emulated, "$", required: true));
        Assert.EndsWith("/", (string?)emulated["Codebase"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_condition_is_answered_400_in_the_vendors_error_shape_and_other_conditions_still_work()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, problems: RefuseIsClosed);

        var (refused, body) = await sandbox.CallAsync(sandbox.ApiRequest(HttpMethod.Get, "finance/invoices?conditions=" + Uri.EscapeDataString("id > 0 and status/isClosed = true")));
        var (accepted, _) = await sandbox.CallAsync(sandbox.ApiRequest(HttpMethod.Get, "finance/invoices?conditions=" + Uri.EscapeDataString("id > 0")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Empty(ShapeDifferences(JsonNode.Parse(CwVendorMock.Sample("error-400-invalidobject.json")), body, "$", required: true));
        Assert.Equal("conditions", (string?)body!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Listing_works_where_connectwise_refuses_status_is_closed_in_conditions_and_still_skips_open_invoices()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, problems: RefuseIsClosed);
        var source = sandbox.Source();

        var pending = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(new LocalDate(2027, 12, 31))));
        var all = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(new LocalDate(2027, 12, 31)) { IncludeAlreadySynced = true }));

        Assert.Equal(9, pending.Count);
        Assert.Equal(9, all.Count);
        Assert.DoesNotContain(all, i => i.Id == "70003");
        var requests = await sandbox.RequestsAsync();
        Assert.Contains(requests, r => ((string?)r!["query"] ?? string.Empty).Contains("conditions", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => ((string?)r!["query"] ?? string.Empty).Contains("isClosed", StringComparison.OrdinalIgnoreCase));
        Assert.All(requests, r => Assert.NotEqual(400, (int)r!["status"]!));
    }

    /// <summary>Where <paramref name="emulated"/> lacks a field of <paramref name="vendor"/> or holds another JSON kind (null fits any).</summary>
    internal static List<string> ShapeDifferences(JsonNode? vendor, JsonNode? emulated, string path, bool required)
    {
        if (vendor is null)
        {
            return [];
        }

        if (emulated is null)
        {
            return required ? [$"{path}: missing from the emulator"] : [];
        }

        if (Kind(vendor) != Kind(emulated))
        {
            return [$"{path}: vendor {Kind(vendor)}, emulator {Kind(emulated)}"];
        }

        var differences = new List<string>();
        if (vendor is JsonObject vendorObject)
        {
            foreach (var (name, value) in vendorObject)
            {
                differences.AddRange(ShapeDifferences(value, emulated.AsObject().TryGetPropertyValue(name, out var other) ? other : null, $"{path}.{name}", required: false));
            }
        }
        else if (vendor is JsonArray vendorArray && vendorArray.Count > 0 && emulated.AsArray().Count > 0)
        {
            differences.AddRange(ShapeDifferences(vendorArray[0], emulated.AsArray()[0], path + "[0]", required));
        }

        return differences;
    }

    private static string Kind(JsonNode node) => node.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? "boolean" : node.GetValueKind().ToString();

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
