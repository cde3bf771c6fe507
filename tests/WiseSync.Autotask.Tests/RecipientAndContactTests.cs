using System.Globalization;
using NodaTime;

namespace WiseSync.Autotask.Tests;

public sealed class RecipientAndContactTests
{
    private static readonly LocalDate Thru = new(2026, 11, 20);

    [Fact]
    public async Task Recipients_are_the_company_billing_contacts_and_never_the_primary_as_a_stand_in()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var contacts = await sandbox.StateAsync("contacts");
        var source = sandbox.CreateSource();

        var invoices = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));

        foreach (var invoice in invoices)
        {
            var own = contacts.Where(c => ((int)c!["companyID"]!).ToString(CultureInfo.InvariantCulture) == invoice.Company.Id && (int)c["isActive"]! == 1).ToList();
            var billing = own.Where(c => (bool)c!["billingContact"]!).OrderBy(c => (long)c!["id"]!).Select(c => (string)c!["emailAddress"]!).ToList();
            Assert.Equal(billing, invoice.Recipients);
        }

        Assert.Contains(invoices, i => i.Recipients.Count > 1);
    }

    [Fact]
    public async Task Invoice_settings_mode_reads_contact_recipients_then_other_emails_once_per_company()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var settings = (await sandbox.StateAsync("invoiceSettings")).ToDictionary(s => ((int)s!["companyID"]!).ToString(CultureInfo.InvariantCulture));
        var contacts = (await sandbox.StateAsync("contacts")).ToDictionary(c => (long)c!["id"]!);
        var source = sandbox.CreateSource(o => o.Recipients = AutotaskRecipientSource.InvoiceSettings);

        var invoices = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));

        var withOthers = invoices.First(i => settings[i.Company.Id]!["otherEmails"] is not null);
        var setting = settings[withOthers.Company.Id]!;
        var expected = setting["contactRecipients"]!.AsArray().Select(id => contacts[(long)id!]).Where(c => (int)c!["isActive"]! == 1).Select(c => (string)c!["emailAddress"]!)
            .Concat(((string)setting["otherEmails"]!).Split("; "))
            .ToList();
        Assert.Equal(expected, withOthers.Recipients);
        Assert.Equal(invoices.Select(i => i.Company.Id).Distinct().Count(), (await sandbox.StatsAsync()).Route("GET /Companies/{id}/invoiceSettings"));
    }

    [Fact]
    public async Task Company_contacts_are_mapped_with_primary_and_active_flags_in_one_bulk_query()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var dataset = await sandbox.DatasetAsync();
        var source = sandbox.CreateSource();
        string[] companies = ["101", "102", "103", "104"];

        var contacts = await source.GetCompanyContactsAsync(companies);

        var expected = dataset["contacts"]!.AsArray().Where(c => companies.Contains(((int)c!["companyId"]!).ToString(CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(expected.Count, contacts.Count);
        foreach (var e in expected)
        {
            var contact = Assert.Single(contacts, c => c.Id == ((int)e!["id"]!).ToString(CultureInfo.InvariantCulture));
            Assert.Equal((string)e!["email"]!, contact.Email);
            Assert.Equal((bool)e["isPrimary"]!, contact.IsPrimary);
            Assert.Equal((bool?)e["active"] ?? true, contact.IsActive);
            Assert.Equal(((int)e["companyId"]!).ToString(CultureInfo.InvariantCulture), contact.CompanyId);
            Assert.Equal($"{(string)e["firstName"]!} {(string)e["lastName"]!}", contact.Name);
        }

        Assert.Equal(1, (await sandbox.StatsAsync()).Route("POST /Contacts/query"));
    }

    [Fact]
    public async Task Contacts_read_by_a_listing_serve_the_contact_lookup_without_another_call()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();
        var invoices = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));
        var before = (await sandbox.StatsAsync()).Requests;

        var contacts = await source.GetCompanyContactsAsync(invoices.Select(i => i.Company.Id).Distinct().ToList());

        Assert.NotEmpty(contacts);
        Assert.Equal(before, (await sandbox.StatsAsync()).Requests);
    }
}
