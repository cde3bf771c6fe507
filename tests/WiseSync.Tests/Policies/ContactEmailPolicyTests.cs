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
        Assert.Empty(selection.Others!);
    }

    [Fact]
    public void Contact_of_another_company_is_ignored()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("9", "bob@globex.test", companyId: "co-2") };
        var selection = _policy.Select("co-1", ["bob@globex.test", "ann@acme.test"], contacts, Persons5);
        Assert.Empty(selection.Others!);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
    }

    [Fact]
    public void Inactive_contact_is_ignored()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "old@acme.test", active: false) };
        var selection = _policy.Select("co-1", ["ann@acme.test", "old@acme.test"], contacts, Persons5);
        Assert.Empty(selection.Others!);
    }

    [Fact]
    public void Recipients_match_contacts_case_insensitively()
    {
        var contacts = new[] { Contact("1", "Ann@Acme.test", primary: true), Contact("2", "bob@acme.test") };
        var selection = _policy.Select("co-1", ["ANN@acme.TEST", "Bob@ACME.test"], contacts, Persons5);
        Assert.Equal("Ann@Acme.test", selection.Primary!.Email);
        Assert.Equal(["bob@acme.test"], selection.Others!.Select(o => o.Email));
    }

    [Fact]
    public void Primary_not_among_recipients_stays_the_primary_and_recipients_become_persons()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test"), Contact("3", "cid@acme.test") };
        var selection = _policy.Select("co-1", ["bob@acme.test", "cid@acme.test"], contacts, Persons5);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
        Assert.False(selection.PrimaryIsRecipient);
        Assert.Equal(["bob@acme.test", "cid@acme.test"], selection.Others!.Select(o => o.Email));
    }

    [Fact]
    public void Ad_hoc_address_of_an_active_contact_counts_as_that_contact_trimmed_and_case_insensitive()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "Bob@Acme.test") };
        var selection = _policy.Select("co-1", ["  BOB@acme.TEST ", "stranger@else.test"], contacts, Persons5);
        Assert.Equal(["Bob@Acme.test"], selection.Others!.Select(o => o.Email));
    }

    [Fact]
    public void Inactive_primary_is_no_primary()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true, active: false), Contact("2", "bob@acme.test") };
        var selection = _policy.Select("co-1", ["bob@acme.test"], contacts, Persons5);
        Assert.Null(selection.Primary);
        Assert.Equal(["bob@acme.test"], selection.Others!.Select(o => o.Email));
    }

    [Fact]
    public void Other_recipients_follow_in_psa_order()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test"), Contact("3", "cid@acme.test"), Contact("4", "dee@acme.test") };
        var selection = _policy.Select("co-1", ["dee@acme.test", "ann@acme.test", "bob@acme.test"], contacts, Persons5);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
        Assert.Equal(["dee@acme.test", "bob@acme.test"], selection.Others!.Select(o => o.Email));
    }

    [Fact]
    public void Seven_recipient_contacts_with_the_primary_fourth_keep_the_primary_and_the_first_four_others()
    {
        var contacts = Enumerable.Range(1, 7).Select(i => Contact(i.ToString(), $"p{i}@acme.test", primary: i == 4)).ToArray();
        var selection = _policy.Select("co-1", contacts.Select(c => c.Email!), contacts, Persons5);
        Assert.Equal("p4@acme.test", selection.Primary!.Email);
        Assert.Equal(["p1@acme.test", "p2@acme.test", "p3@acme.test", "p5@acme.test"], selection.Others!.Select(o => o.Email));
        var warning = Assert.Single(selection.Warnings);
        Assert.Contains("p6@acme.test", warning, StringComparison.Ordinal);
        Assert.Contains("p7@acme.test", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_primary_among_recipients_the_first_five_found_win()
    {
        var contacts = Enumerable.Range(1, 7).Select(i => Contact(i.ToString(), $"p{i}@acme.test")).Append(Contact("0", "boss@acme.test", primary: true)).ToArray();
        var selection = _policy.Select("co-1", Enumerable.Range(1, 7).Select(i => $"p{i}@acme.test"), contacts, Persons5);
        Assert.Equal("boss@acme.test", selection.Primary!.Email);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"p{i}@acme.test"), selection.Others!.Select(o => o.Email));
    }

    [Fact]
    public void A_one_field_sink_gets_every_recipient_in_order_to_fit_itself()
    {
        var addresses = Enumerable.Range(1, 5).Select(i => $"person.number{i}@example-co.test").ToArray();
        var contacts = addresses.Select((a, i) => Contact((i + 1).ToString(), a, primary: i == 0)).ToArray();
        var selection = _policy.Select("co-1", addresses, contacts, EmailField100);
        Assert.Equal(addresses, selection.EmailAddresses);
        Assert.Empty(selection.Warnings);
    }

    [Fact]
    public void Email_field_keeps_the_primary_first_even_when_the_invoice_was_not_sent_to_it()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test") };
        var selection = _policy.Select("co-1", ["bob@acme.test"], contacts, EmailField100);
        Assert.Equal(["ann@acme.test", "bob@acme.test"], selection.EmailAddresses);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
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
        Assert.Null(selection.Others);
    }

    [Fact]
    public void Primary_only_sets_the_primary_even_when_it_was_not_a_recipient_and_leaves_the_rest()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test") };
        var selection = new ContactEmailPolicy(ContactEmailHandling.PrimaryOnly).Select("co-1", ["bob@acme.test"], contacts, Persons5);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
        Assert.Null(selection.Others);
    }

    [Fact]
    public void No_usable_recipient_keeps_the_primary_and_leaves_persons_and_email_list_alone()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "old@acme.test", active: false) };
        var selection = _policy.Select("co-1", ["someone@else.test", "old@acme.test"], contacts, EmailField100);
        Assert.Equal("ann@acme.test", selection.Primary!.Email);
        Assert.Null(selection.Others);
        Assert.Null(selection.EmailAddresses);
    }

    [Fact]
    public void Company_without_an_active_primary_and_no_recipient_changes_nothing()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true, active: false) };
        var selection = _policy.Select("co-1", [], contacts, Persons5);
        Assert.True(selection.LeavesContactsAlone);
    }

    [Fact]
    public void Invoice_email_is_its_recipient_contacts_in_psa_order_without_a_length_cut()
    {
        var contacts = new[] { Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test") };
        Assert.Equal("bob@acme.test,ann@acme.test", _policy.SelectInvoiceEmail("co-1", [" BOB@acme.test", "x@else.test", "ann@acme.test"], contacts));
        Assert.Null(_policy.SelectInvoiceEmail("co-1", ["x@else.test"], contacts));
    }
}
