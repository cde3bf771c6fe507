using System.Text.Json.Nodes;
using WiseSync.Xero.Tests.Infrastructure;

namespace WiseSync.Xero.Tests;

/// <summary>The Xero emulator answers as Xero does (reference/accounting-apis.md Part 1), seen by a plain HTTP client.</summary>
public sealed class EmulatorTests
{
    private static async Task<string> ContactAsync(XeroSandbox sandbox, string name = "Acme Ltd")
    {
        var (status, body) = await sandbox.RawAsync(HttpMethod.Put, "Contacts", new { Contacts = new[] { new { Name = name, EmailAddress = "ap@acme.example" } } });
        Assert.Equal(200, status);
        return (string)body!["Contacts"]![0]!["ContactID"]!;
    }

    private static object InvoiceBody(string contactId, string number, string status = "AUTHORISED", object? currency = null) => new
    {
        Invoices = new[]
        {
            new Dictionary<string, object?>
            {
                ["Type"] = "ACCREC",
                ["InvoiceNumber"] = number,
                ["Contact"] = new { ContactID = contactId },
                ["Date"] = "2026-11-02",
                ["DueDate"] = "2026-12-02",
                ["Status"] = status,
                ["CurrencyCode"] = currency ?? "USD",
                ["LineItems"] = new[] { new { Description = "Support", Quantity = 1m, UnitAmount = 100m } },
            },
        },
    };

    [Fact]
    public async Task Accounting_calls_without_the_tenant_header_are_forbidden()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        var (status, _) = await sandbox.RawAsync(HttpMethod.Get, "Contacts", tenant: false);

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task Sixth_contact_person_and_duplicate_active_name_are_refused()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await ContactAsync(sandbox);
        var six = Enumerable.Range(1, 6).Select(i => new { FirstName = $"P{i}", LastName = "X", EmailAddress = $"p{i}@x.example", IncludeInEmails = true }).ToArray();

        var (status, body) = await sandbox.RawAsync(HttpMethod.Put, "Contacts?summarizeErrors=false", new
        {
            Contacts = new object[]
            {
                new { Name = "Six People Ltd", EmailAddress = "boss@x.example", ContactPersons = six },
                new { Name = "Acme Ltd" },
                new { Name = new string('N', 256) },
                new { Name = "Fine Ltd" },
            },
        });

        Assert.Equal(200, status);
        var answers = body!["Contacts"]!.AsArray();
        Assert.Contains("maximum of 5 contact persons", Messages(answers[0]!), StringComparison.Ordinal);
        Assert.Equal(
            "The contact name Acme Ltd is already assigned to another contact. The contact name must be unique across all active contacts.",
            Messages(answers[1]!));
        Assert.Contains("255", Messages(answers[2]!), StringComparison.Ordinal);
        Assert.Equal("OK", (string?)answers[3]!["StatusAttributeString"]);
        Assert.Equal(2, (await sandbox.StateAsync("contacts")).Count);
    }

    [Fact]
    public async Task Default_batch_answers_400_for_one_bad_invoice_yet_saves_the_good_ones()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var contact = await ContactAsync(sandbox);
        var good = ((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(InvoiceBody(contact, "INV-1")))!)["Invoices"]![0]!;
        var bad = ((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(InvoiceBody(contact, "INV-2", currency: "XX")))!)["Invoices"]![0]!;
        var batch = new JsonObject { ["Invoices"] = new JsonArray(good.DeepClone(), bad.DeepClone()) }.ToJsonString();

        var (status, body) = await sandbox.RawAsync(HttpMethod.Put, "Invoices", batch);

        Assert.Equal(400, status);
        Assert.Equal(10, (int)body!["ErrorNumber"]!);
        Assert.Equal("ValidationException", (string?)body["Type"]);
        Assert.Single(body["Elements"]!.AsArray());
        Assert.Equal("INV-1", (string?)Assert.Single(await sandbox.StateAsync("invoices"))!["InvoiceNumber"]);
    }

    [Fact]
    public async Task Put_refuses_a_taken_invoice_number_while_post_updates_it()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var contact = await ContactAsync(sandbox);
        await sandbox.RawAsync(HttpMethod.Put, "Invoices?summarizeErrors=false", InvoiceBody(contact, "INV-9"));

        var (_, put) = await sandbox.RawAsync(HttpMethod.Put, "Invoices?summarizeErrors=false", InvoiceBody(contact, "INV-9"));
        var (_, post) = await sandbox.RawAsync(HttpMethod.Post, "Invoices?summarizeErrors=false", InvoiceBody(contact, "INV-9"));

        Assert.Equal("Invoice # must be unique.", Messages(put!["Invoices"]![0]!));
        Assert.Equal("OK", (string?)post!["Invoices"]![0]!["StatusAttributeString"]);
        Assert.Single(await sandbox.StateAsync("invoices"));
    }

    [Fact]
    public async Task Created_by_my_app_lists_only_invoices_the_app_wrote_not_those_typed_in_xero_or_by_another_app()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var contact = await ContactAsync(sandbox);
        await sandbox.RawAsync(HttpMethod.Put, "Invoices", InvoiceBody(contact, "INV-APP"));
        await sandbox.WebAppAsync(InvoiceBody(contact, "INV-HAND"));
        await sandbox.WebAppAsync(InvoiceBody(contact, "INV-OTHER"), app: "AnotherSyncTool");

        var (_, all) = await sandbox.RawAsync(HttpMethod.Get, "Invoices?InvoiceNumbers=INV-APP,INV-HAND,INV-OTHER");
        var (_, mine) = await sandbox.RawAsync(HttpMethod.Get, "Invoices?InvoiceNumbers=INV-APP,INV-HAND,INV-OTHER&createdByMyApp=true");
        var (_, typedAgain) = await sandbox.RawAsync(HttpMethod.Put, "Invoices?summarizeErrors=false", InvoiceBody(contact, "INV-HAND"));

        Assert.Equal(3, all!["Invoices"]!.AsArray().Count);
        Assert.Equal("INV-APP", (string?)Assert.Single(mine!["Invoices"]!.AsArray())!["InvoiceNumber"]);
        Assert.Equal("Invoice # must be unique.", Messages(typedAgain!["Invoices"]![0]!));
    }

    [Fact]
    public async Task Payments_need_an_authorised_invoice_and_cannot_exceed_the_amount_due_and_lock_the_invoice()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var contact = await ContactAsync(sandbox);
        await sandbox.RawAsync(HttpMethod.Put, "Invoices", InvoiceBody(contact, "INV-D", status: "DRAFT"));
        var (_, created) = await sandbox.RawAsync(HttpMethod.Put, "Invoices", InvoiceBody(contact, "INV-A"));
        var id = (string)created!["Invoices"]![0]!["InvoiceID"]!;
        object Pay(string number, decimal amount) => new { Payments = new[] { new { Invoice = new { InvoiceNumber = number }, Account = new { Code = "090" }, Date = "2026-11-15", Amount = amount } } };

        var (_, draft) = await sandbox.RawAsync(HttpMethod.Put, "Payments?summarizeErrors=false", Pay("INV-D", 10m));
        var (_, tooMuch) = await sandbox.RawAsync(HttpMethod.Put, "Payments?summarizeErrors=false", Pay("INV-A", 100.01m));
        var (paidStatus, _) = await sandbox.RawAsync(HttpMethod.Put, "Payments", Pay("INV-A", 100m));
        var (_, edit) = await sandbox.RawAsync(HttpMethod.Post, "Invoices?summarizeErrors=false", InvoiceBody(contact, "INV-A"));
        var (_, read) = await sandbox.RawAsync(HttpMethod.Get, $"Invoices/{id}");

        Assert.Equal("Payments can only be made against Authorised documents", Messages(draft!["Payments"]![0]!));
        Assert.Equal("Payment amount exceeds the amount outstanding on this document", Messages(tooMuch!["Payments"]![0]!));
        Assert.Equal(200, paidStatus);
        Assert.Equal("This document cannot be edited as it has a payment or credit note allocated to it.", Messages(edit!["Invoices"]![0]!));
        var invoice = read!["Invoices"]![0]!;
        Assert.Equal("PAID", (string?)invoice["Status"]);
        Assert.Equal("/Date(1794700800000+0000)/", (string?)invoice["FullyPaidOnDate"]);
    }

    [Fact]
    public async Task Invoice_dated_on_the_lock_date_is_refused_naming_it()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.SetLockDatesAsync(null, "2026-11-02");
        var contact = await ContactAsync(sandbox);

        var (_, body) = await sandbox.RawAsync(HttpMethod.Put, "Invoices?summarizeErrors=false", InvoiceBody(contact, "INV-L"));

        Assert.Equal("The document date cannot be before the end of year lock date, currently set at 02-Nov-2026", Messages(body!["Invoices"]![0]!));
    }

    [Fact]
    public async Task Item_code_longer_than_thirty_characters_is_refused()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        var (_, body) = await sandbox.RawAsync(HttpMethod.Put, "Items?summarizeErrors=false", new { Items = new[] { new { Code = new string('C', 31) }, new { Code = "MANAGED-SVC" } } });

        Assert.Equal("Price List Item Code must not be more than 30 characters long", Messages(body!["Items"]![0]!));
        Assert.Equal("OK", (string?)body["Items"]![1]!["StatusAttributeString"]);
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_answer_even_for_a_different_body()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var contact = await ContactAsync(sandbox);

        var (_, first) = await sandbox.RawAsync(HttpMethod.Put, "Invoices", InvoiceBody(contact, "INV-K1"), idempotencyKey: "k-1");
        var (_, second) = await sandbox.RawAsync(HttpMethod.Put, "Invoices", InvoiceBody(contact, "INV-K2"), idempotencyKey: "k-1");

        Assert.Equal((string?)first!["Invoices"]![0]!["InvoiceID"], (string?)second!["Invoices"]![0]!["InvoiceID"]);
        Assert.Single(await sandbox.StateAsync("invoices"));
    }

    [Fact]
    public async Task Sixty_first_call_in_a_minute_is_answered_429_and_counted_as_throttled()
    {
        await using var sandbox = await XeroSandbox.StartAsync(timeScale: 1);
        int lastStatus = 0;
        for (var i = 0; i < 61 && lastStatus != 429; i++)
        {
            (lastStatus, _) = await sandbox.RawAsync(HttpMethod.Get, "Organisation");
        }

        Assert.Equal(429, lastStatus);
        var throttled = (await sandbox.RequestsAsync(5)).Last();
        Assert.Equal(429, (int)throttled!["status"]!);
        Assert.Equal(1, (int)(await sandbox.XeroStatsAsync())["throttled"]!);
    }

    private static string Messages(JsonNode element) =>
        string.Join("; ", element["ValidationErrors"]!.AsArray().Select(e => (string?)e!["Message"]));
}
