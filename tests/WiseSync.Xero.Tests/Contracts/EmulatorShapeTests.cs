using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Contracts.XeroWireMock;

namespace WiseSync.Xero.Tests.Contracts;

/// <summary>
/// The emulator answers the same requests in the shape of Xero's published answers: every property both carry has
/// the same JSON type (recursively), and the properties the provider reads that the sample has are there.
/// </summary>
public sealed class EmulatorShapeTests
{
    private static object ContactBody(string name) => new { Contacts = new[] { new { Name = name, ContactNumber = "C-" + name.Length, EmailAddress = "ap@acme.example" } } };

    private static object InvoiceBody(string contactId) => new
    {
        Invoices = new[]
        {
            new
            {
                Type = "ACCREC",
                InvoiceNumber = "INV-SHAPE",
                Contact = new { ContactID = contactId },
                Date = "2026-11-02",
                DueDate = "2026-12-02",
                Status = "AUTHORISED",
                LineItems = new[] { new { Description = "Support", Quantity = 2m, UnitAmount = 20m, AccountCode = "200" } },
            },
        },
    };

    [Fact]
    public async Task Organisation_answer_has_the_recorded_shape()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        var (_, body) = await sandbox.RawAsync(HttpMethod.Get, "Organisation");

        AssertSameShape(Sample("organisation.json"), body!, "Organisations", ["Name", "ShortCode", "OrganisationID", "PeriodLockDate"], optional: ["PeriodLockDate"]);
    }

    [Fact]
    public async Task Contacts_put_and_paged_get_answers_have_the_published_shape()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        var (_, put) = await sandbox.RawAsync(HttpMethod.Put, "Contacts?summarizeErrors=false", ContactBody("Shape Ltd"));
        var (_, get) = await sandbox.RawAsync(HttpMethod.Get, "Contacts?page=1&includeArchived=true");

        string[] read = ["ContactID", "ContactStatus", "Name", "EmailAddress", "ContactPersons", "HasValidationErrors"];
        AssertSameShape(Sample("contacts-put.json"), put!, "Contacts", read);
        AssertSameShape(Sample("contacts-get.json"), get!, "Contacts", read);
        Assert.Equal(Kinds(Sample("contacts-get.json")["pagination"]!), Kinds(get!["pagination"]!));
    }

    [Fact]
    public async Task Invoices_put_and_get_answers_have_the_published_shape()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (_, contact) = await sandbox.RawAsync(HttpMethod.Put, "Contacts", ContactBody("Invoice Shape Ltd"));
        var contactId = (string)contact!["Contacts"]![0]!["ContactID"]!;

        var (_, put) = await sandbox.RawAsync(HttpMethod.Put, "Invoices?summarizeErrors=false&unitdp=4", InvoiceBody(contactId));
        var id = (string)put!["Invoices"]![0]!["InvoiceID"]!;
        var (_, get) = await sandbox.RawAsync(HttpMethod.Get, $"Invoices?IDs={id}");

        string[] read = ["Type", "InvoiceID", "InvoiceNumber", "Status", "AmountDue", "AmountPaid", "AmountCredited", "Total", "Date", "DueDate", "UpdatedDateUTC", "HasErrors", "StatusAttributeString"];
        AssertSameShape(Sample("invoices-put.json"), put, "Invoices", read);
        AssertSameShape(Sample("invoices-get.json"), get!, "Invoices", read.Where(r => r != "StatusAttributeString").ToArray());
    }

    [Fact]
    public async Task Credit_notes_put_answer_has_the_published_shape()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (_, contact) = await sandbox.RawAsync(HttpMethod.Put, "Contacts", ContactBody("Credit Shape Ltd"));
        var contactId = (string)contact!["Contacts"]![0]!["ContactID"]!;

        var (_, put) = await sandbox.RawAsync(HttpMethod.Put, "CreditNotes?summarizeErrors=false&unitdp=4", new
        {
            CreditNotes = new[]
            {
                new { Type = "ACCRECCREDIT", Contact = new { ContactID = contactId }, Date = "2026-11-02", Status = "AUTHORISED", LineItems = new[] { new { Description = "Credit", Quantity = 1m, UnitAmount = 46m, AccountCode = "200" } } },
            },
        });

        AssertSameShape(Sample("creditnotes-put.json"), put!, "CreditNotes", ["Type", "CreditNoteID", "Status", "RemainingCredit", "Total", "Date", "StatusAttributeString"]);
    }

    [Fact]
    public async Task Validation_exception_has_the_published_shape()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.RawAsync(HttpMethod.Put, "Contacts", ContactBody("Buzz Lightyear"));

        var (status, body) = await sandbox.RawAsync(HttpMethod.Put, "Contacts", ContactBody("Buzz Lightyear"));

        var sample = Sample("contacts-put-400-validation.json");
        Assert.Equal(400, status);
        Assert.Equal((string?)sample["Type"], (string?)body!["Type"]);
        Assert.Equal((int?)sample["ErrorNumber"], (int?)body["ErrorNumber"]);
        AssertSameShape(sample, body, "Elements", ["ValidationErrors", "HasValidationErrors"]);
        Assert.Equal((string?)sample["Elements"]![0]!["ValidationErrors"]![0]!["Message"], (string?)body["Elements"]![0]!["ValidationErrors"]![0]!["Message"]);
    }

    [Fact]
    public async Task Large_organisation_refuses_a_non_optimised_contact_filter_with_xeros_body()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.SetHighVolumeAsync(true);

        var (refusedStatus, refused) = await sandbox.RawAsync(HttpMethod.Get, "Contacts?where=" + Uri.EscapeDataString("ContactNumber==\"C1\""));
        var (orStatus, _) = await sandbox.RawAsync(HttpMethod.Get, "Contacts?where=" + Uri.EscapeDataString("Name==\"A\"||Name==\"B\""));
        var (unfilteredStatus, _) = await sandbox.RawAsync(HttpMethod.Get, "Contacts?page=1");
        var (nameStatus, _) = await sandbox.RawAsync(HttpMethod.Get, "Contacts?where=" + Uri.EscapeDataString("Name==\"A\""));
        var (searchStatus, _) = await sandbox.RawAsync(HttpMethod.Get, "Contacts?searchTerm=C1");

        var sample = Sample("error-400-highvolume-contacts.json");
        Assert.Equal(400, refusedStatus);
        Assert.Equal(sample.ToJsonString(), refused!.ToJsonString());
        Assert.Equal(400, orStatus);
        Assert.Equal(400, unfilteredStatus);
        Assert.Equal(200, nameStatus);
        Assert.Equal(200, searchStatus);
    }

    [Fact]
    public async Task Token_and_connections_answers_have_the_recorded_shape()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var xero = sandbox.Server.Credentials.Xero;
        using var http = new HttpClient();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, xero.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = xero.RefreshToken }),
        };
        tokenRequest.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{xero.ClientId}:{xero.ClientSecret}")));
        using var tokenResponse = await http.SendAsync(tokenRequest);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        using var connectionsRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.Server.BaseUrl, "xero/connections"));
        connectionsRequest.Headers.Authorization = new("Bearer", (string)token["access_token"]!);
        using var connectionsResponse = await http.SendAsync(connectionsRequest);
        var connections = (await connectionsResponse.Content.ReadFromJsonAsync<JsonArray>())!;

        AssertSameKinds(Sample("identity-token.json"), token, "$", ["access_token", "expires_in", "token_type", "refresh_token"]);
        AssertSameKinds(Sample("connections.json")[0]!, connections[0]!, "$[0]", ["id", "tenantId", "tenantType"]);
    }

    [Fact]
    public void Shape_check_reports_a_type_or_a_read_field_the_emulator_gets_wrong()
    {
        var sample = Sample("invoices-put.json");
        var wrong = sample.DeepClone();
        wrong["Invoices"]![0]!["Total"] = "40.00";
        wrong["Invoices"]![0]!["Date"] = "2019-03-11";
        wrong["Invoices"]![0]!.AsObject().Remove("AmountDue");

        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertSameShape(sample, wrong, "Invoices", ["AmountDue"]));

        Assert.Contains("$.Invoices[0].Total: Xero sends Number, the emulator String", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.Invoices[0].Date", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.Invoices[0].AmountDue is in Xero's answer", error.Message, StringComparison.Ordinal);
    }

    private static JsonNode Sample(string fixture) => JsonNode.Parse(Fixture(fixture))!;

    /// <summary>Compares the first element of <paramref name="collection"/> in both answers, and their envelopes.</summary>
    private static void AssertSameShape(JsonNode sample, JsonNode emulator, string collection, string[] read, string[]? optional = null)
    {
        var sampleElement = sample[collection]![0]!;
        var emulatorElement = emulator[collection]![0]!;
        AssertSameKinds(sample.AsObject().Where(p => p.Key != collection).ToDictionary(), emulator.AsObject().Where(p => p.Key != collection).ToDictionary(), "$");
        AssertSameKinds(sampleElement, emulatorElement, $"$.{collection}[0]", read.Except(optional ?? []).ToArray());
    }

    private static void AssertSameKinds(Dictionary<string, JsonNode?> sample, Dictionary<string, JsonNode?> emulator, string path) =>
        AssertSameKinds(new JsonObject(sample.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))), new JsonObject(emulator.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))), path, []);

    private static void AssertSameKinds(JsonNode sample, JsonNode emulator, string path, string[] required)
    {
        var differences = new List<string>();
        Compare(sample, emulator, path, differences);
        foreach (var name in required)
        {
            if (sample[name] is not null && emulator[name] is null)
            {
                differences.Add($"{path}.{name} is in Xero's answer and read by the provider, but the emulator leaves it out");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static void Compare(JsonNode? sample, JsonNode? emulator, string path, List<string> differences)
    {
        if (sample is null || emulator is null)
        {
            return;
        }

        if (Kind(sample) != Kind(emulator))
        {
            differences.Add($"{path}: Xero sends {sample.GetValueKind()}, the emulator {emulator.GetValueKind()}");
            return;
        }

        switch (sample)
        {
            case JsonObject fields:
                foreach (var (name, value) in fields)
                {
                    if (emulator.AsObject().TryGetPropertyValue(name, out var other))
                    {
                        Compare(value, other, $"{path}.{name}", differences);
                    }
                }

                break;
            case JsonArray { Count: > 0 } items when emulator is JsonArray { Count: > 0 } others:
                Compare(items[0], others[0], $"{path}[0]", differences);
                break;
            case JsonValue when sample.GetValueKind() == JsonValueKind.String:
                var a = sample.GetValue<string>();
                var b = emulator.GetValue<string>();
                if (a.StartsWith("/Date(", StringComparison.Ordinal) != b.StartsWith("/Date(", StringComparison.Ordinal))
                {
                    differences.Add($"{path}: Xero sends '{a}', the emulator '{b}' (date format)");
                }

                break;
        }
    }

    private static Dictionary<string, JsonValueKind> Kinds(JsonNode node) =>
        node.AsObject().ToDictionary(p => p.Key, p => p.Value is null ? JsonValueKind.Null : Kind(p.Value));

    // true and false are one JSON type.
    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind() is JsonValueKind.False ? JsonValueKind.True : node.GetValueKind();
}
