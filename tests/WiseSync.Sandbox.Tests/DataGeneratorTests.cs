using System.Text.Json;
using WiseSync.Sandbox.Data;

namespace WiseSync.Sandbox.Tests;

public sealed class DataGeneratorTests
{
    private static readonly DateOnly Reference = new(2026, 11, 20);

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_other_data()
    {
        string Json(int seed) => JsonSerializer.Serialize(SandboxDataGenerator.Generate(seed, 20, 100, Reference), SandboxJsonContext.Default.SandboxDataset);

        Assert.Equal(Json(3), Json(3));
        Assert.NotEqual(Json(3), Json(4));
    }

    [Fact]
    public void Invoice_totals_equal_billable_lines_plus_tax_and_dates_are_not_after_the_reference()
    {
        var data = SandboxDataGenerator.Generate(1, 20, 300, Reference);

        Assert.Equal(300, data.Invoices.Count);
        Assert.Equal(data.Invoices.Count, data.Invoices.Select(i => i.Number).Distinct().Count());
        foreach (var invoice in data.Invoices)
        {
            Assert.InRange(invoice.Lines.Count, 1, 12);
            var billable = invoice.Lines.Where(l => l.Billable).ToList();
            Assert.Equal(billable.Sum(l => l.Amount), invoice.Subtotal);
            Assert.Equal(billable.Sum(l => l.Tax), invoice.Tax);
            Assert.Equal(invoice.Subtotal + invoice.Tax, invoice.Total);
            Assert.True(invoice.Total > 0);
            Assert.All(invoice.Lines, l => Assert.Equal(Math.Round(l.Quantity * l.UnitPrice, 2, MidpointRounding.AwayFromZero), l.Amount));
            Assert.True(invoice.Date <= Reference);
            var term = data.PaymentTerms.Single(t => t.Id == invoice.PaymentTermId);
            Assert.Equal(term.DueDate(invoice.Date), invoice.DueDate);
        }

        Assert.Contains(data.Invoices.SelectMany(i => i.Lines), l => !l.Billable);
        Assert.Contains(data.Invoices.SelectMany(i => i.Lines), l => l.Tax > 0);
        Assert.Equal(3, data.Invoices.SelectMany(i => i.Lines).Select(l => l.Kind).Distinct().Count());
        Assert.Equal(4, data.Invoices.Select(i => i.PaymentTermId).Distinct().Count());
    }

    [Fact]
    public void Companies_have_account_numbers_and_one_to_eight_contacts_with_one_active_primary()
    {
        var data = SandboxDataGenerator.Generate(2, 40, 0, Reference);

        Assert.Equal(40, data.Companies.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var company in data.Companies)
        {
            Assert.StartsWith("ACC-", company.AccountNumber, StringComparison.Ordinal);
            var contacts = data.Contacts.Where(c => c.CompanyId == company.Id).ToList();
            Assert.InRange(contacts.Count, 1, 8);
            var primary = Assert.Single(contacts, c => c.IsPrimary);
            Assert.True(primary.Active);
        }

        Assert.Contains(data.Contacts, c => !c.Active);
        Assert.Contains(data.Contacts, c => c.Email.Length > 60);
    }

    [Fact]
    public void Recipients_mix_contacts_in_psa_order_with_and_without_the_primary_big_lists_and_ad_hoc_addresses()
    {
        var data = SandboxDataGenerator.Generate(5, 20, 300, Reference);
        var contacts = data.Contacts.ToDictionary(c => c.Id);
        var order = data.Contacts.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);

        foreach (var invoice in data.Invoices)
        {
            Assert.NotEmpty(invoice.Recipients);
            var own = invoice.Recipients.Where(r => r.ContactId is { } id && contacts[id].CompanyId == invoice.CompanyId).Select(r => order[r.ContactId!.Value]).ToList();
            Assert.Equal(own.Order(), own);
            Assert.All(invoice.Recipients.Where(r => r.ContactId is not null), r => Assert.Equal(contacts[r.ContactId!.Value].Email, r.Email));
        }

        bool HasPrimary(SandboxInvoice i) => i.Recipients.Any(r => r.ContactId is { } id && contacts[id].IsPrimary && contacts[id].CompanyId == i.CompanyId);
        Assert.Contains(data.Invoices, HasPrimary);
        Assert.Contains(data.Invoices, i => !HasPrimary(i));
        Assert.Contains(data.Invoices, i => i.Recipients.Count >= 6);
        Assert.Contains(data.Invoices, i => i.Recipients.Any(r => r.ContactId is null));
        Assert.Contains(data.Invoices, i => i.DivisionId is not null);
    }

    [Fact]
    public void Eom_terms_count_from_the_end_of_the_month()
    {
        var eom = SandboxDataGenerator.PaymentTerms.Single(t => t.AfterEndOfMonth);

        Assert.Equal(new DateOnly(2026, 12, 30), eom.DueDate(new DateOnly(2026, 11, 3)));
        Assert.Equal(new DateOnly(2026, 3, 30), eom.DueDate(new DateOnly(2026, 2, 14)));
    }
}
