using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using WiseSync.ConnectWise.Tests.Infrastructure;
using static WiseSync.ConnectWise.Tests.PendingInvoicesTests;

namespace WiseSync.ConnectWise.Tests;

public sealed class ContactsTests
{
    [Fact]
    public async Task Company_contacts_come_in_bulk_with_email_primary_and_active_flags()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, companies: 5);
        var dataset = await sandbox.DatasetAsync();
        var companyIds = ((JsonArray)dataset["companies"]!).Select(c => c!["id"]!.ToString()).ToList();
        var expected = ((JsonArray)dataset["contacts"]!).Select(c => c!.AsObject()).ToList();
        var (before, _) = await sandbox.StatsAsync();

        var contacts = await sandbox.Source().GetCompanyContactsAsync(companyIds);

        var (after, _) = await sandbox.StatsAsync();
        Assert.Equal(1, after - before);
        Assert.Equal(expected.Count, contacts.Count);
        foreach (var e in expected)
        {
            var c = contacts.Single(x => x.Id == e["id"]!.ToString());
            Assert.Equal(e["companyId"]!.ToString(), c.CompanyId);
            Assert.Equal((string)e["email"]!, c.Email);
            Assert.Equal((bool)e["isPrimary"]!, c.IsPrimary);
            Assert.Equal((bool)e["active"]!, c.IsActive);
        }
    }

    [Fact]
    public async Task Recipients_are_the_billing_contact_then_billing_flagged_contacts_then_invoice_addresses()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 40, companies: 8);
        var companies = (await sandbox.StateAsync("companies")).Select(c => c!.AsObject()).ToDictionary(c => c["id"]!.ToString());
        var contacts = (await sandbox.StateAsync("contacts")).Select(c => c!.AsObject()).ToList();

        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(new LocalDate(2027, 12, 31))));

        foreach (var invoice in listed)
        {
            var company = companies[invoice.Company.Id];
            var expected = new List<string>();
            string? EmailOf(JsonObject c) => c["communicationItems"]!.AsArray().Select(i => (string?)i!["value"]).FirstOrDefault();
            if (company["billingContact"]?["id"] is { } billingId
                && contacts.Single(c => (int)c["id"]! == (int)billingId) is var billing && !(bool)billing["inactiveFlag"]!)
            {
                expected.Add(EmailOf(billing)!);
            }

            expected.AddRange(contacts.Where(c => (int)c["company"]!["id"]! == int.Parse(invoice.Company.Id, CultureInfo.InvariantCulture) && (bool)c["defaultBillingFlag"]! && !(bool)c["inactiveFlag"]!)
                .Select(c => EmailOf(c)!));
            expected.AddRange(((string?)company["invoiceToEmailAddress"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries));
            expected.AddRange(((string?)company["invoiceCCEmailAddress"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(expected.Distinct(StringComparer.OrdinalIgnoreCase), invoice.Recipients);
        }

        Assert.Contains(listed, i => i.Recipients.Count > 1);
    }
}
