using WiseSync.Policies;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Policies;

public sealed class ContactEmailPolicyTests
{
    private static readonly AccountingCapabilities Persons5 = new(5, null, 30, 255, 50);
    private static readonly AccountingCapabilities EmailField100 = new(0, 100, 100, 21, 30);
    private readonly ContactEmailPolicy _policy = new(ContactEmailHandling.PrimaryAndRecipients);

    [Fact]
    public void Recipient_not_a_contact_is_ignored()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true) };
        var selection = _policy.Select("co-1", ["ann@acme.test", "adhoc@gmail.test"], contacts, Persons5);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
        Assert.Empty(selection.Others);
    }

    [Fact]
    public void Contact_of_another_company_is_ignored()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("9", "bob@globex.test", companyId: "co-2") };
        var selection = _policy.Select("co-1", ["bob@globex.test", "ann@acme.test"], contacts, Persons5);
        Assert.Empty(selection.Others);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
    }

    [Fact]
    public void Inactive_contact_is_ignored()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "old@acme.test", active: false) };
        var selection = _policy.Select("co-1", ["ann@acme.test", "old@acme.test"], contacts, Persons5);
        Assert.Empty(selection.Others);
    }

    [Fact]
    public void Recipients_match_contacts_case_insensitively()
    {
        var contacts = new[] { Contact("1", "Ann@Acme.test", primary: true), Contact("2", "bob@acme.test") };
        var selection = _policy.Select("co-1", ["ANN@acme.TEST", "Bob@ACME.test"], contacts, Persons5);
        Assert.Equal("Ann@Acme.test", selection.Primary!.Email);
        Assert.Equal(["bob@acme.test"], selection.Others.Select(o => o.Email));
    }

    [Fact]
    public void Primary_not_among_recipients_is_not_overwritten()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test"), Contact("3", "cid@acme.test") };
        var selection = _policy.Select("co-1", ["bob@acme.test", "cid@acme.test"], contacts, Persons5);
        Assert.Null(selection.Primary);
        Assert.Equal(["bob@acme.test", "cid@acme.test"], selection.Others.Select(o => o.Email));
    }

    [Fact]
    public void Other_recipients_follow_in_psa_order()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test"), Contact("3", "cid@acme.test"), Contact("4", "dee@acme.test") };
        var selection = _policy.Select("co-1", ["dee@acme.test", "ann@acme.test", "bob@acme.test"], contacts, Persons5);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
        Assert.Equal(["dee@acme.test", "bob@acme.test"], selection.Others.Select(o => o.Email));
    }

    [Fact]
    public void Seven_recipient_contacts_with_the_primary_fourth_keep_the_primary_and_the_first_four_others()
    {
        var contacts = Enumerable.Range(1, 7).Select(i => Contact(i.ToString(), $"p{i}@acme.test", primary: i == 4)).ToArray();
        var selection = _policy.Select("co-1", contacts.Select(c => c.Email!), contacts, Persons5);
        Assert.Equal("p4@acme.test", selection.Primary!.Email);
        Assert.Equal(["p1@acme.test", "p2@acme.test", "p3@acme.test", "p5@acme.test"], selection.Others.Select(o => o.Email));
        var warning = Assert.Single(selection.Warnings);
        Assert.Contains("p6@acme.test", warning, StringComparison.Ordinal);
        Assert.Contains("p7@acme.test", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_primary_among_recipients_the_first_five_found_win()
    {
        var contacts = Enumerable.Range(1, 7).Select(i => Contact(i.ToString(), $"p{i}@acme.test")).Append(Contact("0", "boss@acme.test", primary: true)).ToArray();
        var selection = _policy.Select("co-1", Enumerable.Range(1, 7).Select(i => $"p{i}@acme.test"), contacts, Persons5);
        Assert.Null(selection.Primary);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"p{i}@acme.test"), selection.Others.Select(o => o.Email));
    }

    [Fact]
    public void Email_field_cap_keeps_whole_addresses_only_and_warns()
    {
        // 30-character addresses: three fit in 100 characters with separators (92), a fourth would not (123).
        var addresses = Enumerable.Range(1, 5).Select(i => $"person.number{i}@example-co.test").ToArray();
        Assert.All(addresses, a => Assert.Equal(30, a.Length));
        var contacts = addresses.Select((a, i) => Contact((i + 1).ToString(), a, primary: i == 0)).ToArray();
        var selection = _policy.Select("co-1", addresses, contacts, EmailField100);
        Assert.NotNull(selection.EmailField);
        Assert.True(selection.EmailField!.Length <= 100);
        Assert.Equal(addresses.Take(3), selection.EmailField.Split(','));
        Assert.Contains(selection.Warnings, w => w.Contains(addresses[3], StringComparison.Ordinal) && w.Contains(addresses[4], StringComparison.Ordinal));
    }

    [Fact]
    public void Email_field_keeps_the_primary_first_even_when_the_invoice_was_not_sent_to_it()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test") };
        var selection = _policy.Select("co-1", ["bob@acme.test"], contacts, EmailField100);
        Assert.Equal("ann@acme.test,bob@acme.test", selection.EmailField);
        Assert.Null(selection.Primary);
    }

    [Fact]
    public void Handling_none_leaves_contacts_alone()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true) };
        var selection = new ContactEmailPolicy(ContactEmailHandling.None).Select("co-1", ["ann@acme.test"], contacts, Persons5);
        Assert.True(selection.LeavesContactsAlone);
    }

    [Fact]
    public void Primary_only_sets_the_primary_and_no_others()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test") };
        var selection = new ContactEmailPolicy(ContactEmailHandling.PrimaryOnly).Select("co-1", ["bob@acme.test", "ann@acme.test"], contacts, Persons5);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
        Assert.Empty(selection.Others);
    }

    [Fact]
    public void Primary_only_changes_nothing_when_the_primary_was_not_a_recipient()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test") };
        var selection = new ContactEmailPolicy(ContactEmailHandling.PrimaryOnly).Select("co-1", ["bob@acme.test"], contacts, Persons5);
        Assert.True(selection.LeavesContactsAlone);
    }

    [Fact]
    public void No_recipient_contact_changes_nothing()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true) };
        var selection = _policy.Select("co-1", ["someone@else.test"], contacts, EmailField100);
        Assert.True(selection.LeavesContactsAlone);
    }
}
