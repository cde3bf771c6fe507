using System.Net.Http;
using System.Text.Json.Nodes;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Customers;

public sealed class CustomerTests
{
    [Fact]
    public async Task Customer_is_created_when_no_name_matches()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        var result = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("29683", "Acme Widgets", "ap@acme.example")]));

        Assert.Equal(CustomerMatchKind.Created, result.Match);
        var stored = Assert.Single(await qbo.StateAsync("customers", "Customer"));
        Assert.Equal(result.Customer!.Id, stored!["Id"]!.ToString());
        Assert.Equal("Acme Widgets", stored["DisplayName"]!.ToString());
        Assert.Equal("ap@acme.example", stored["PrimaryEmailAddr"]!["Address"]!.ToString());
    }

    [Fact]
    public async Task Same_name_customer_of_another_psa_company_is_never_used_or_changed()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var theirs = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("999", "Acme Widgets", "owner@elsewhere.example")]));

        var ours = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets", "ap@acme.example", accountNumber: "ACC-1")]));

        Assert.Equal(CustomerMatchKind.Created, ours.Match);
        Assert.NotEqual(theirs.Customer!.Id, ours.Customer!.Id);
        Assert.Equal("Acme Widgets (ACC-1)", ours.Customer.Name);
        Assert.Contains(ours.Warnings, w => w.Contains("belongs to another PSA company (999)", StringComparison.Ordinal));
        var stored = await qbo.StateAsync("customers", "Customer");
        Assert.Equal("owner@elsewhere.example", stored.Single(c => (string?)c!["Id"] == theirs.Customer.Id)!["PrimaryEmailAddr"]!["Address"]!.ToString());

        var again = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets", "ap@acme.example", accountNumber: "ACC-1")]));
        Assert.Equal((CustomerMatchKind.ByAccountNumber, ours.Customer.Id), (again.Match, again.Customer!.Id));
    }

    [Fact]
    public async Task Existing_customer_is_found_by_name_and_not_created_again()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var first = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets")]));

        var second = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "acme widgets")]));

        Assert.Equal(CustomerMatchKind.ByAccountNumber, second.Match);
        Assert.Equal(first.Customer!.Id, second.Customer!.Id);
        Assert.Single(await qbo.StateAsync("customers", "Customer"));
    }

    [Fact]
    public async Task Stored_id_wins_over_the_name()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var created = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Old Name Ltd")]));

        var found = Assert.Single(await qbo.Sink.FindCustomersAsync([Drafts.Customer("1", "Renamed In PSA Ltd", knownId: created.Customer!.Id)]));

        Assert.Equal(CustomerMatchKind.ById, found.Match);
        Assert.Equal("Old Name Ltd", found.Customer!.Name);
    }

    [Fact]
    public async Task Name_with_quotes_is_escaped_in_the_query_and_found_again()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "O'Brien's Plumbing \\ Heating")]);

        var again = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "O\u2019Brien's Plumbing \\ Heating")]));

        Assert.Equal(CustomerMatchKind.ByAccountNumber, again.Match);
        Assert.Single(await qbo.StateAsync("customers", "Customer"));
    }

    [Fact]
    public async Task Name_held_by_a_vendor_gets_a_disambiguated_name_and_a_warning()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var (status, _) = await qbo.CallApiAsync(HttpMethod.Post, "vendor?minorversion=75", new JsonObject { ["DisplayName"] = "Contoso" });
        Assert.Equal(200, status);

        var result = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("4711", "Contoso", accountNumber: "CON-1")]));

        Assert.Equal(CustomerMatchKind.Created, result.Match);
        Assert.Equal("Contoso (CON-1)", result.Customer!.Name);
        Assert.Contains(result.Warnings, w => w.Contains("already used", StringComparison.Ordinal) && w.Contains("Contoso (CON-1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rerun_after_a_name_collision_finds_the_disambiguated_customer()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.CallApiAsync(HttpMethod.Post, "vendor", new JsonObject { ["DisplayName"] = "Contoso" });
        var first = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("4711", "Contoso")]));
        var batchesBefore = await qbo.RouteCallsAsync("POST /batch");

        var second = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("4711", "Contoso")]));

        Assert.Equal(first.Customer!.Id, second.Customer!.Id);
        Assert.Equal(CustomerMatchKind.ByAccountNumber, second.Match);
        Assert.Equal(batchesBefore, await qbo.RouteCallsAsync("POST /batch"));
    }

    [Fact]
    public async Task Emails_are_trimmed_to_whole_addresses_within_100_characters()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        // 30 characters each: three fit in 100 with their commas (92), a fourth would need 123.
        var addresses = Enumerable.Range(1, 8).Select(i => $"accounts{i}@fabrikam-example.com").ToList();

        var result = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Fabrikam", string.Join(",", addresses))]));

        var stored = (await qbo.StateAsync("customers", "Customer"))[0]!["PrimaryEmailAddr"]!["Address"]!.ToString();
        Assert.True(stored.Length <= 100, stored);
        var kept = stored.Split(',');
        Assert.Equal(addresses.Take(kept.Length), kept);
        Assert.Equal(3, kept.Length);
        var warning = Assert.Single(result.Warnings);
        Assert.DoesNotContain(addresses[2], warning, StringComparison.Ordinal);
        Assert.Contains(addresses[3], warning, StringComparison.Ordinal);
        Assert.Contains(addresses[7], warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_email_updates_the_customer_sparsely_with_its_sync_token()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Northwind", "old@northwind.example")]);

        var result = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Northwind", "new@northwind.example")]));

        Assert.Equal(CustomerMatchKind.ByAccountNumber, result.Match);
        var stored = Assert.Single(await qbo.StateAsync("customers", "Customer"))!;
        Assert.Equal("new@northwind.example", stored["PrimaryEmailAddr"]!["Address"]!.ToString());
        Assert.Equal("1", stored["SyncToken"]!.ToString());
        Assert.Equal("PSA company 1", stored["Notes"]!.ToString());
    }

    [Fact]
    public async Task Unchanged_customers_cost_one_query_and_no_write()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Northwind", "ap@northwind.example")]);
        var before = await qbo.ApiCallsAsync();

        await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Northwind", "ap@northwind.example")]);

        Assert.Equal(before + 1, await qbo.ApiCallsAsync());
    }

    [Fact]
    public async Task Thirty_five_companies_cost_one_query_and_two_batches()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        await Drafts.CustomersAsync(qbo.Sink, 35);

        Assert.Equal(1, await qbo.RouteCallsAsync("GET /query") + await qbo.RouteCallsAsync("POST /query"));
        Assert.Equal(2, await qbo.RouteCallsAsync("POST /batch"));
        Assert.Equal(35, (await qbo.StateAsync("customers", "Customer")).Count);
    }

    [Fact]
    public async Task Finding_customers_writes_nothing()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        var result = Assert.Single(await qbo.Sink.FindCustomersAsync([Drafts.Customer("1", "Nobody Yet")]));

        Assert.Equal(CustomerMatchKind.None, result.Match);
        Assert.Empty(await qbo.StateAsync("customers", "Customer"));
        Assert.Equal(0, await qbo.RouteCallsAsync("POST /batch"));
    }

    [Fact]
    public async Task Colon_in_a_company_name_is_replaced_because_it_separates_parent_and_job()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        var result = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme: East")]));

        Assert.Null(result.Error);
        Assert.Equal("Acme- East", result.Customer!.Name);
    }
}
