using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.Autotask;
using WiseSync.Reliability.Tests.Security;
using WiseSync.Samples.Console.Connections;
using WiseSync.Sandbox;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Contacts;

/// <summary>
/// The contact rules of DESIGN §5 and the due-date rule, end to end: both PSAs × both accounting systems × an accounting
/// customer created by the sync and one that already exists, through the sandbox over HTTP, from one seed document.
/// Each scenario is its own PSA company, so every PSA (Autotask keeps recipients per company) shows it alone.
/// </summary>
public sealed class ContactRuleTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "autotask", "quickbooks" },
        { "connectwise", "xero" },
        { "connectwise", "quickbooks" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Every_contact_rule_holds_for_new_and_existing_accounting_customers(string psa, string accounting)
    {
        await using var run = await ContactRun.StartAsync(psa, accounting);

        // Existing accounting customers, made before the sync as a bookkeeper (or an earlier sync) left them.
        await run.PrecreateAsync("3", "Charlie Co", primary: Person("pat", "charlie"), others: [Person("bob", "charlie")]);
        await run.PrecreateAsync("4", "Delta Co", primary: Person("keeper", "delta"), others: [Person("zed", "delta")]);
        await run.PrecreateAsync("999", "Echo Co", primary: Person("owner", "elsewhere"), others: []);
        await run.PrecreateAsync("7", "Golf Co", primary: Person("pat", "golf"), others: [Person("bob", "golf"), Person("cid", "golf")]);

        var report = await run.SyncAsync();
        output.WriteLine(string.Join(Environment.NewLine, report.Invoices.Select(i => $"{i.Number} {i.Status}: {string.Join(" | ", i.Messages)}")));
        Assert.Equal(0, report.Totals.Error);
        Assert.Equal(ContactSeed.InvoiceCount, report.Totals.Invoices);

        // 1. Created by the sync, primary not among the recipients: the PSA primary is the accounting primary, the
        //    recipients are the further persons in PSA order.
        Assert.Equal("pat@alpha.example | cid@alpha.example,bob@alpha.example", await run.ContactsAsync("Alpha Co"));

        // 1. Created by the sync, the invoice has no recipients at all: still created with the primary's email.
        Assert.Equal("pat@bravo.example | ", await run.ContactsAsync("Bravo Co"));

        // 2. Existing, no usable recipient (only an inactive contact and another company's contact): unchanged.
        Assert.Equal("pat@charlie.example | bob@charlie.example", await run.ContactsAsync("Charlie Co"));

        // 1. Existing with someone else as primary: the PSA primary becomes the primary; recipients the persons.
        Assert.Equal("pat@delta.example | bob@delta.example", await run.ContactsAsync("Delta Co"));

        // 4. A same-name customer of another PSA company is never a match: its data is untouched and this company gets
        //    its own customer, with a warning on its invoice.
        Assert.Equal("owner@elsewhere.example | ", await run.ContactsAsync("Echo Co"));
        var echo = Assert.Single(report.Invoices, i => i.Number == "ECHO-1");
        Assert.Contains(echo.Messages, m => m.Contains("Echo Co", StringComparison.Ordinal) && m.Contains("another", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("pat@echo.example | ", await run.ContactsAsync(await run.CustomerNameOfAsync("ECHO-1")));
        Assert.NotEqual("Echo Co", await run.CustomerNameOfAsync("ECHO-1"));

        // 3. An ad-hoc address (not a contact reference; other case, spaces) that belongs to an active contact counts
        //    as that contact; an ad-hoc address of nobody is ignored.
        Assert.Equal("pat@foxtrot.example | cid@foxtrot.example", await run.ContactsAsync("Foxtrot Co"));

        // 2. Existing, no recipient at all on the invoice: the persons / the email list stay exactly as they were.
        Assert.Equal("pat@golf.example | bob@golf.example,cid@golf.example", await run.ContactsAsync("Golf Co"));

        // 5. No due date from the PSA: computed from the terms (Net 14), never 0001-01-01.
        Assert.Equal("2026-11-15", await run.DueDateAsync("HOTEL-1"));
    }

    [Theory]
    [InlineData("xero")]
    [InlineData("quickbooks")]
    public async Task Autotask_billing_contact_mode_never_puts_the_primary_in_as_a_stand_in_recipient(string accounting)
    {
        await using var run = await ContactRun.StartAsync("autotask", accounting, AutotaskRecipientSource.BillingContacts);
        await run.PrecreateAsync("7", "Golf Co", primary: Person("pat", "golf"), others: [Person("bob", "golf"), Person("cid", "golf")]);

        var report = await run.SyncAsync();
        output.WriteLine(string.Join(Environment.NewLine, report.Invoices.Select(i => $"{i.Number} {i.Status}: {string.Join(" | ", i.Messages)}")));

        Assert.Equal(0, report.Totals.Error);
        // Golf Co has no billing contact in this mode (its only invoice names no contact): the list stays as it was.
        Assert.Equal("pat@golf.example | bob@golf.example,cid@golf.example", await run.ContactsAsync("Golf Co"));
    }

    private static AccountingContactPerson Person(string first, string company) =>
        new(char.ToUpperInvariant(first[0]) + first[1..], "Tester", $"{first}@{company}.example");

    /// <summary>One sandbox with the contact seed and one connection of the pair, registered as the harness does.</summary>
    private sealed class ContactRun : IAsyncDisposable
    {
        private readonly SandboxServer _sandbox;
        private readonly ServiceProvider _services;
        private readonly string _accounting;
        private readonly DirectoryInfo _folder;

        private ContactRun(SandboxServer sandbox, ServiceProvider services, string accounting, DirectoryInfo folder) =>
            (_sandbox, _services, _accounting, _folder) = (sandbox, services, accounting, folder);

        public static async Task<ContactRun> StartAsync(string psa, string accounting, AutotaskRecipientSource recipients = AutotaskRecipientSource.InvoiceSettings)
        {
            var sandbox = await InProcessConnections.StartSandboxAsync();
            using (var http = new HttpClient { BaseAddress = sandbox.BaseUrl })
            {
                using var seeded = await http.PostAsync("_sandbox/seed", new StringContent(ContactSeed.Document, System.Text.Encoding.UTF8, "application/json"));
                Assert.True(seeded.IsSuccessStatusCode, await seeded.Content.ReadAsStringAsync());
            }

            var folder = Directory.CreateTempSubdirectory("wisesync-contacts-");
            var services = new ServiceCollection();
            services.AddLogging();
            var builder = services.AddWiseSync("c", static _ => { }).UseSqliteLedger(o => o.DatabasePath = Path.Combine(folder.FullName, "ledger.db"));
            var target = SandboxTarget.Of(sandbox);
            ProviderRegistration.AddProviders(builder, psa, accounting, target);
            services.PostConfigure<AutotaskOptions>("c", o => o.Recipients = recipients);
            return new ContactRun(sandbox, InProcessConnections.Build(services), accounting, folder);
        }

        /// <summary>Creates an accounting customer for a PSA company id through the accounting API, as it stood before the sync.</summary>
        public async Task PrecreateAsync(string companyId, string name, AccountingContactPerson primary, AccountingContactPerson[] others)
        {
            var sink = _services.GetRequiredKeyedService<IAccountingSink>("c");
            var result = Assert.Single(await sink.EnsureCustomersAsync([new CustomerRequest(new PsaCompanyRef(companyId, name), null, new ContactSelection(primary, others, []))]));
            Assert.NotNull(result.Customer);
        }

        public Task<SyncReport> SyncAsync() =>
            _services.GetRequiredService<ISyncPipelineFactory>().Create("c")
                .RunAsync(new SyncRequest(SyncAction.PostToAccounting, new NodaTime.LocalDate(2026, 11, 20)));

        /// <summary>The customer's primary email and further addresses as the accounting system holds them.</summary>
        public async Task<string> ContactsAsync(string name)
        {
            if (_accounting == "xero")
            {
                var contact = Assert.Single(await StateAsync("xero/contacts"), c => (string?)c!["Name"] == name)!;
                var persons = contact["ContactPersons"]?.AsArray().Select(p => (string)p!["EmailAddress"]!).ToArray() ?? [];
                return $"{(string?)contact["EmailAddress"]} | {string.Join(",", persons)}";
            }

            var customer = Assert.Single(await StateAsync("quickbooks/customers"), c => (string?)c!["DisplayName"] == name)!;
            var addresses = ((string?)customer["PrimaryEmailAddr"]?["Address"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(addresses.Sum(a => a.Length) + Math.Max(0, addresses.Length - 1) <= 100);
            return $"{addresses.FirstOrDefault()} | {string.Join(",", addresses.Skip(1))}";
        }

        public async Task<string> CustomerNameOfAsync(string invoiceNumber)
        {
            if (_accounting == "xero")
            {
                var invoice = Assert.Single(await StateAsync("xero/invoices"), i => (string?)i!["InvoiceNumber"] == invoiceNumber)!;
                var id = (string)invoice["Contact"]!["ContactID"]!;
                return (string)(await StateAsync("xero/contacts")).Single(c => (string?)c!["ContactID"] == id)!["Name"]!;
            }

            var qbo = Assert.Single(await StateAsync("quickbooks/invoices"), i => (string?)i!["DocNumber"] == invoiceNumber)!;
            var customerId = (string)qbo["CustomerRef"]!["value"]!;
            return (string)(await StateAsync("quickbooks/customers")).Single(c => (string?)c!["Id"] == customerId)!["DisplayName"]!;
        }

        public async Task<string?> DueDateAsync(string invoiceNumber) => _accounting == "xero"
            ? (string?)Assert.Single(await StateAsync("xero/invoices"), i => (string?)i!["InvoiceNumber"] == invoiceNumber)!["DueDateString"] is { } s ? s[..10] : null
            : (string?)Assert.Single(await StateAsync("quickbooks/invoices"), i => (string?)i!["DocNumber"] == invoiceNumber)!["DueDate"];

        private async Task<JsonArray> StateAsync(string collection)
        {
            using var http = new HttpClient { BaseAddress = _sandbox.BaseUrl };
            var node = await http.GetFromJsonAsync<JsonNode>($"_sandbox/state/{collection}");
            // Xero's state is a plain array; QuickBooks' is a query answer: {"QueryResponse":{"Customer":[...]}}.
            var holder = node is JsonObject o && o["QueryResponse"] is JsonObject answer ? answer : node;
            return holder as JsonArray ?? holder!.AsObject().Select(p => p.Value).OfType<JsonArray>().FirstOrDefault() ?? [];
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await _sandbox.DisposeAsync();
            try
            {
                _folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
