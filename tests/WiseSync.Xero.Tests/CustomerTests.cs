using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

public sealed class CustomerTests
{
    private static readonly AccountingContactPerson Primary = new("Pat", "Primary", "pat@acme.example");

    [Fact]
    public async Task New_company_is_created_with_the_psa_id_as_contact_number()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();

        var result = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0];

        Assert.Equal(CustomerMatchKind.Created, result.Match);
        var contact = Assert.Single(await sandbox.StateAsync("contacts"));
        Assert.Equal("Acme Ltd", (string?)contact!["Name"]);
        Assert.Equal("C1", (string?)contact["ContactNumber"]);
        Assert.Equal((string?)contact["ContactID"], result.Customer!.Id);
    }

    [Fact]
    public async Task Find_order_is_stored_id_then_contact_number_then_name_then_create()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        var created = await sink.EnsureCustomersAsync([Customer("C1", "One Ltd"), Customer("C2", "Two Ltd")]);
        var (status, _) = await sandbox.RawAsync(HttpMethod.Put, "Contacts", new { Contacts = new[] { new { Name = "Three Ltd" } } });
        Assert.Equal(200, status);

        var results = await sink.EnsureCustomersAsync(
        [
            Customer("C1", "One Ltd (renamed in PSA)", knownId: created[0].Customer!.Id),
            Customer("C2", "Two Ltd renamed"),
            Customer("C3", "Three Ltd"),
            Customer("C4", "Four Ltd"),
        ]);

        Assert.Equal(
            [CustomerMatchKind.ById, CustomerMatchKind.ByAccountNumber, CustomerMatchKind.ByName, CustomerMatchKind.Created],
            results.Select(r => r.Match));
        Assert.Equal(created[1].Customer!.Id, results[1].Customer!.Id);
        var adopted = (await sandbox.StateAsync("contacts")).Single(c => (string?)c!["Name"] == "Three Ltd");
        Assert.Equal("C3", (string?)adopted!["ContactNumber"]);
    }

    [Fact]
    public async Task Request_with_stored_id_needs_no_number_or_name_lookup()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        var created = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0];
        var before = await sandbox.RequestsAsync();

        var again = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd", knownId: created.Customer!.Id)]))[0];

        var after = await sandbox.RequestsAsync();
        var newRequests = after.Skip(before.Count).ToList();
        Assert.Equal(CustomerMatchKind.ById, again.Match);
        var lookup = Assert.Single(newRequests);
        Assert.Contains("IDs=", (string?)lookup!["query"], StringComparison.Ordinal);
        Assert.DoesNotContain("where", (string?)lookup["query"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merged_contact_is_followed_to_the_surviving_contact()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        var created = await sink.EnsureCustomersAsync([Customer("C1", "Old Acme"), Customer("C2", "New Acme")]);
        await sandbox.MergeAsync(created[0].Customer!.Id, created[1].Customer!.Id);

        var result = (await sink.EnsureCustomersAsync([Customer("C1", "Old Acme", knownId: created[0].Customer!.Id)]))[0];

        Assert.Equal(CustomerMatchKind.ById, result.Match);
        Assert.Equal(created[1].Customer!.Id, result.Customer!.Id);
        Assert.Contains(result.Warnings, w => w.Contains("merged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Archived_contact_found_by_name_is_used_and_made_active_again()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var (_, body) = await sandbox.RawAsync(HttpMethod.Put, "Contacts", new { Contacts = new[] { new { Name = "Dormant Ltd" } } });
        var id = (string)body!["Contacts"]![0]!["ContactID"]!;
        await sandbox.ArchiveAsync(id);

        var result = (await sandbox.Sink().EnsureCustomersAsync([Customer("C9", "Dormant Ltd")]))[0];

        Assert.Equal(CustomerMatchKind.ByName, result.Match);
        Assert.Equal(id, result.Customer!.Id);
        Assert.False(result.Customer.IsArchived);
        var contact = Assert.Single(await sandbox.StateAsync("contacts"));
        Assert.Equal("ACTIVE", (string?)contact!["ContactStatus"]);
    }

    [Fact]
    public async Task Name_owned_by_another_company_gets_a_disambiguated_name_and_a_warning()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        var first = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0];

        var second = (await sink.EnsureCustomersAsync([Customer("C2", "Acme Ltd")]))[0];

        Assert.Equal(CustomerMatchKind.Created, second.Match);
        Assert.NotEqual(first.Customer!.Id, second.Customer!.Id);
        Assert.Equal("Acme Ltd (C2)", second.Customer.Name);
        Assert.Contains(second.Warnings, w => w.Contains("belongs to another company", StringComparison.Ordinal));
        Assert.Equal(2, (await sandbox.StateAsync("contacts")).Count);
    }

    [Fact]
    public async Task Two_companies_of_one_run_with_the_same_name_both_get_a_contact()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        var results = await sandbox.Sink().EnsureCustomersAsync([Customer("C1", "Twin Co"), Customer("C2", "Twin Co")]);

        Assert.All(results, r => Assert.Equal(CustomerMatchKind.Created, r.Match));
        Assert.Equal(["Twin Co", "Twin Co (C2)"], results.Select(r => r.Customer!.Name));
    }

    [Fact]
    public async Task Seven_recipient_contacts_give_the_primary_and_four_contact_persons()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        // What the engine's contact-email policy hands a sink with 5 contact persons for 7 recipient contacts:
        // the recipient primary plus 4 others (the primary takes one of the 5 places), and a warning for the rest.
        var others = Enumerable.Range(1, 4).Select(i => new AccountingContactPerson($"Person{i}", "Other", $"p{i}@acme.example")).ToList();
        var selection = new ContactSelection(Primary, others, ["At most 5 contact persons: not added p5@acme.example, p6@acme.example."]);

        var result = (await sandbox.Sink().EnsureCustomersAsync([Customer("C1", "Acme Ltd", contacts: selection)]))[0];

        var contact = Assert.Single(await sandbox.StateAsync("contacts"));
        Assert.Equal("pat@acme.example", (string?)contact!["EmailAddress"]);
        var persons = contact["ContactPersons"]!.AsArray();
        Assert.Equal(["p1@acme.example", "p2@acme.example", "p3@acme.example", "p4@acme.example"], persons.Select(p => (string?)p!["EmailAddress"]));
        Assert.All(persons, p => Assert.True((bool)p!["IncludeInEmails"]!));
        Assert.Contains(result.Warnings, w => w.Contains("p5@acme.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contact_persons_are_sent_as_one_full_list_and_only_when_they_change()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        var a = new AccountingContactPerson("Ann", "A", "ann@acme.example");
        var b = new AccountingContactPerson("Bob", "B", "bob@acme.example");
        var created = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd", contacts: new ContactSelection(Primary, [a], []))]))[0];
        var id = created.Customer!.Id;

        await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd", id, new ContactSelection(Primary, [a], []))]);
        Assert.Equal(0, await sandbox.RouteCountAsync("POST /Contacts"));

        await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd", id, new ContactSelection(null, [b, a], []))]);

        Assert.Equal(1, await sandbox.RouteCountAsync("POST /Contacts"));
        var contact = Assert.Single(await sandbox.StateAsync("contacts"));
        Assert.Equal("pat@acme.example", (string?)contact!["EmailAddress"]);
        Assert.Equal(["bob@acme.example", "ann@acme.example"], contact["ContactPersons"]!.AsArray().Select(p => (string?)p!["EmailAddress"]));
    }

    [Fact]
    public async Task Find_customers_reports_what_it_would_do_and_writes_nothing()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]);

        var found = await sink.FindCustomersAsync([Customer("C1", "Acme Ltd"), Customer("C2", "Beta Ltd")]);

        Assert.Equal(CustomerMatchKind.ByAccountNumber, found[0].Match);
        Assert.Equal(CustomerMatchKind.None, found[1].Match);
        Assert.Null(found[1].Customer);
        Assert.Null(found[1].Error);
        Assert.Single(await sandbox.StateAsync("contacts"));
    }

    [Fact]
    public async Task Forty_new_companies_cost_one_lookup_and_one_create()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var requests = Enumerable.Range(1, 40).Select(i => Customer($"C{i}", $"Company \"{i}\" Ltd")).ToList();

        var results = await sandbox.Sink().EnsureCustomersAsync(requests);

        Assert.All(results, r => Assert.Equal(CustomerMatchKind.Created, r.Match));
        Assert.Equal(1, await sandbox.RouteCountAsync("GET /Contacts"));
        Assert.Equal(1, await sandbox.RouteCountAsync("PUT /Contacts"));
        Assert.Equal(40, (await sandbox.StateAsync("contacts")).Count);
    }
}
