using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>Builds realistic PSA invoices and contacts for tests.</summary>
public static class Invoices
{
    public static readonly LocalDate Date = new(2026, 11, 15);

    public static PsaCompanyRef Acme { get; } = new("co-1", "Acme Ltd", "ACME01");

    public static PsaCompanyRef Globex { get; } = new("co-2", "Globex Corporation", "GLOBEX");

    /// <summary>An invoice with two lines, 10% tax and the given recipients.</summary>
    public static PsaInvoice Make(string id, PsaCompanyRef? company = null, decimal amount = 100m, params string[] recipients)
    {
        var half = decimal.Round(amount / 2m, 2);
        var lines = new[]
        {
            new PsaInvoiceLine("Managed services", 1m, half, half, decimal.Round(half * 0.1m, 2)) { ItemCode = "MSP", GlCode = "4000" },
            new PsaInvoiceLine("Onsite labour", 1m, amount - half, amount - half, decimal.Round((amount - half) * 0.1m, 2)) { ItemCode = "LAB", GlCode = "4010" },
        };
        var tax = lines.Sum(l => l.Tax);
        return new PsaInvoice(id, $"INV-{id}", company ?? Acme, Date, Date.PlusDays(30), new PaymentTermsRef("t30", "Net 30", 30), "USD",
            lines, amount, tax, amount + tax, recipients);
    }

    public static PsaContact Contact(string id, string email, bool primary = false, bool active = true, string companyId = "co-1") =>
        new(id, companyId, "First" + id, "Last" + id, email, primary, active);
}
