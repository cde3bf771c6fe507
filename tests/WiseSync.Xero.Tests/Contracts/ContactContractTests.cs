using WireMock.Matchers;
using WiseSync.Xero.Api;
using static WiseSync.Xero.Tests.Contracts.XeroWireMock;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests.Contracts;

/// <summary>Contacts: Xero's published GET/PUT answers, element errors, and the large-organisation filter refusal.</summary>
public sealed class ContactContractTests
{
    private const string Katherine = "5cc8cf28-567e-4d43-b287-687cfcaec47c";

    [Fact]
    public async Task Published_contacts_answer_finds_the_company_by_exact_name_with_optimised_filters_only()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Contacts")
                .WithParam("where", "Name==\"Katherine Warren\"||Name==\"Katherine Warren (C1)\"")
                .WithParam("includeArchived", "true")
                .WithParam("page", "1"))
            .RespondWith(Json(Fixture("contacts-get.json")));
        xero.Server.Given(XeroApi("GET", "Contacts").WithParam("searchTerm", "C1").WithParam("page", "1"))
            .RespondWith(Json(Fixture("contacts-get.json")));

        var found = Assert.Single(await xero.Sink().FindCustomersAsync([Customer("C1", "Katherine Warren")]));

        Assert.Equal(CustomerMatchKind.ByName, found.Match);
        Assert.Equal(Katherine, found.Customer!.Id);
        Assert.Equal("Katherine Warren", found.Customer.Name);
        Assert.DoesNotContain(xero.Sent("GET", "Contacts"), e => e.RequestMessage.RawQuery?.Contains("ContactNumber", StringComparison.Ordinal) == true);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Large_organisation_refusal_falls_back_to_one_name_per_call_and_searchTerm()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Contacts").WithParam("where", new WildcardMatcher("*||*")))
            .RespondWith(Json(Fixture("error-400-highvolume-contacts.json"), 400));
        xero.Server.Given(XeroApi("GET", "Contacts").WithParam("where", "Name==\"Katherine Warren\""))
            .RespondWith(Json(Fixture("contacts-get.json")));
        xero.Server.Given(XeroApi("GET", "Contacts").WithParam("searchTerm", "C1"))
            .RespondWith(Json(Fixture("contacts-get.json")));
        var sink = xero.Sink();

        var first = Assert.Single(await sink.FindCustomersAsync([Customer("C1", "Katherine Warren")]));
        var orBefore = xero.Sent("GET", "Contacts").Count(e => e.RequestMessage.RawQuery!.Contains("%7C%7C", StringComparison.Ordinal));
        var second = Assert.Single(await sink.FindCustomersAsync([Customer("C1", "Katherine Warren")]));
        var orAfter = xero.Sent("GET", "Contacts").Count(e => e.RequestMessage.RawQuery!.Contains("%7C%7C", StringComparison.Ordinal));

        Assert.Equal(Katherine, first.Customer?.Id);
        Assert.Null(first.Error);
        Assert.Equal(Katherine, second.Customer?.Id);
        Assert.Equal(1, orBefore);
        Assert.Equal(orBefore, orAfter);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Every_lookup_refused_leaves_the_company_red_instead_of_creating_a_duplicate()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Contacts")).RespondWith(Json(Fixture("error-400-highvolume-contacts.json"), 400));

        var result = Assert.Single(await xero.Sink().EnsureCustomersAsync([Customer("C1", "Katherine Warren")]));

        Assert.Null(result.Customer);
        Assert.Contains("refused every lookup", result.Error, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Contains("not filtering Contacts efficiently", StringComparison.Ordinal));
        Assert.Empty(xero.Sent("PUT", "Contacts"));
    }

    [Fact]
    public async Task Published_put_contacts_answer_is_read_as_created()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Contacts")).RespondWith(Json(Fixture("contacts-get.json")));
        xero.Server.Given(Write("PUT", "Contacts", "$.Contacts[?(@.Name == 'Foo9987' && @.ContactNumber == 'C9')]"))
            .RespondWith(Json(Fixture("contacts-put.json")));

        var result = Assert.Single(await xero.Sink().EnsureCustomersAsync([Customer("C9", "Foo9987")]));

        Assert.Equal(CustomerMatchKind.Created, result.Match);
        Assert.Equal("3ff6d40c-af9a-40a3-89ce-3c1556a25591", result.Customer!.Id);
        Assert.Null(result.Error);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Contact_flagged_error_with_the_all_zero_id_is_not_created()
    {
        // Xero-NetStandard#156 (quoted by Xero): HasValidationErrors, StatusAttributeString ERROR, ContactID 0000….
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Contacts")).RespondWith(Json(Fixture("contacts-get.json")));
        xero.Server.Given(Write("PUT", "Contacts", "$.Contacts[0]"))
            .RespondWith(Json(Envelope("Contacts", "contact-element-error-flags-only.json")));

        var result = Assert.Single(await xero.Sink().EnsureCustomersAsync([Customer("C6", "Xero 6")]));

        Assert.Null(result.Customer);
        Assert.Contains("StatusAttributeString ERROR", result.Error, StringComparison.Ordinal);
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Published_validation_exception_keeps_xeros_message()
    {
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Contacts")).RespondWith(Json(Fixture("contacts-get.json")));
        xero.Server.Given(Write("PUT", "Contacts", "$.Contacts[0]"))
            .RespondWith(Json(Fixture("contacts-put-400-validation.json"), 400));

        var error = await Assert.ThrowsAsync<VendorValidationException>(() => xero.Sink().EnsureCustomersAsync([Customer("C7", "Buzz Lightyear")]));

        Assert.Contains("The contact name Buzz Lightyear is already assigned to another contact.", error.VendorMessages[0], StringComparison.Ordinal);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task Published_post_contacts_answer_with_the_all_zero_id_is_not_taken_as_the_update()
    {
        // The spec's updateOrCreateContacts example answers ContactID 00000000-…: the update is not confirmed, so the
        // contact found by name stays the customer and the company gets a warning.
        await using var xero = Start();
        xero.Server.Given(XeroApi("GET", "Contacts")).RespondWith(Json(Fixture("contacts-get.json")));
        xero.Server.Given(Write("POST", "Contacts", $"$.Contacts[?(@.ContactID == '{Katherine}' && @.ContactNumber == 'C1')]"))
            .RespondWith(Json(Fixture("contacts-post.json")));

        var result = Assert.Single(await xero.Sink().EnsureCustomersAsync([Customer("C1", "Katherine Warren")]));

        Assert.Equal(CustomerMatchKind.ByName, result.Match);
        Assert.Equal(Katherine, result.Customer!.Id);
        Assert.Contains(result.Warnings, w => w.Contains("00000000-0000-0000-0000-000000000000", StringComparison.Ordinal));
        Assert.Single(xero.Sent("POST", "Contacts"));
        xero.AssertEveryRequestMatched();
    }
}
