using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

/// <summary>
/// An organisation over Xero's high-volume threshold refuses contact filters that are not optimised
/// (HighVolumeException): the run still finds and creates its contacts, with optimised lookups only.
/// </summary>
public sealed class LargeOrganisationTests
{
    [Fact]
    public async Task Contacts_are_found_and_created_without_a_refused_filter_failing_the_run()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        var first = await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]);
        await sandbox.SetHighVolumeAsync(true);
        var (_, _) = await sandbox.RawAsync(HttpMethod.Put, "Contacts", new { Contacts = new[] { new { Name = "Beta Ltd" } } });

        var results = await sandbox.Sink().EnsureCustomersAsync([Customer("C1", "Acme Ltd renamed in PSA"), Customer("C2", "Beta Ltd"), Customer("C3", "Gamma Ltd")]);

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(CustomerMatchKind.ByAccountNumber, results[0].Match);
        Assert.Equal(first[0].Customer!.Id, results[0].Customer!.Id);
        Assert.Equal(CustomerMatchKind.ByName, results[1].Match);
        Assert.Equal(CustomerMatchKind.Created, results[2].Match);
        Assert.Equal(3, (await sandbox.StateAsync("contacts")).Count);
        var refused = (await sandbox.RequestsAsync()).Count(r => (int?)r!["status"] == 400);
        Assert.Equal(1, refused);
    }

    [Fact]
    public async Task Many_companies_of_a_large_organisation_are_looked_up_one_optimised_call_each()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.SetHighVolumeAsync(true);
        var requests = Enumerable.Range(1, 12).Select(i => Customer($"C{i}", $"Company {i} Ltd")).ToList();

        var results = await sandbox.Sink().EnsureCustomersAsync(requests);

        Assert.All(results, r => Assert.Equal(CustomerMatchKind.Created, r.Match));
        var requestsSent = await sandbox.RequestsAsync();
        Assert.Equal(1, requestsSent.Count(r => (int?)r!["status"] == 400));
        Assert.All(
            requestsSent.Where(r => (string?)r!["method"] == "GET" && (int?)r["status"] == 200),
            r => Assert.DoesNotContain("ContactNumber", (string?)r!["query"] ?? string.Empty, StringComparison.Ordinal));
    }
}
