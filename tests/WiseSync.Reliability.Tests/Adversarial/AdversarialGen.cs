using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace WiseSync.Reliability.Tests.Adversarial;

/// <summary>FsCheck generators of hostile PSA data: odd text, money at the edges of decimal, calendar edges, messy recipients.</summary>
public static class AdversarialGen
{
    public static readonly string[] NastyText =
    [
        "",
        " ",
        "Managed services",
        new string('x', 10_000),
        string.Concat(Enumerable.Repeat("😀🚀👨‍👩‍👧‍👦", 400)),
        "مرحبا بالعالم — فاتورة",
        "שלום עולם",
        "\u202Eevil\u202C reversed",
        "line1\r\nline2\ttab",
        "nul\0byte",
        "bell\u0007 and escape\u001b[31m",
        "\u0001\u001f\u007f\u0085",
        "zero\u200Bwidth\u200Djoiner\uFEFF",
        "lone surrogate \uD800 here",
        "<script>alert(1)</script> & \"quotes\" 'single'",
        "'; DROP TABLE sync_intents;--",
        "{\"json\":true}",
        "Ünïcödé ñ ß Ω ≠ ∞",
        "   padded   ",
    ];

    public static readonly decimal[] NastyMoney =
    [
        0m, 0.00m, 1m, -1m, 0.01m, -0.01m, 0.005m, 0.0000001m, 1e-28m, 0.1m + 0.2m, 1234567.891234m, 999_999_999_999.99m,
        -999_999_999_999.99m, 100m, 33.333333333333333333m, decimal.MaxValue, decimal.MinValue, 79_228_162_514_264m,
    ];

    public static readonly LocalDate[] NastyDates =
    [
        new(1, 1, 1), new(1900, 2, 28), new(1970, 1, 1), new(2000, 2, 29), new(2024, 2, 29), new(2026, 1, 31), new(2026, 2, 28),
        new(2026, 6, 30), new(2026, 12, 31), new(2027, 1, 1), new(2999, 12, 31), new(9999, 12, 1), new(9999, 12, 31), new(2026, 11, 15),
    ];

    private static readonly string[] Domains = ["acme.example", "ACME.example", "globex.example"];

    /// <summary>A run's worth of invoices over a small set of companies, with contacts for some of them.</summary>
    public static Gen<AdversarialCase> Case() =>
        from companyCount in Gen.Choose(1, 4)
        from companies in Gen.ArrayOf(Company(), companyCount)
        from contacts in Gen.ArrayOf(Contacts(companies), companyCount)
        from invoiceCount in Gen.Choose(1, 10)
        from invoices in Gen.ArrayOf(Invoice(companies), invoiceCount)
        from duplicate in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from caps in Gen.Elements(
            new AccountingCapabilities(5, null, 30, 255, 50),
            new AccountingCapabilities(0, 100, 30, 21, 30),
            new AccountingCapabilities(1, 100, 10, 10, 2))
        from net in Gen.Elements<int?>(null, 30, 0, -10, int.MaxValue)
        let numbered = invoices.Select((inv, i) => inv with { Id = inv.Id.Length == 0 ? inv.Id : $"{inv.Id}-{i}" }).ToList()
        select new AdversarialCase(numbered, contacts.SelectMany(c => c).ToList(), caps, net) { RepeatFirst = duplicate };

    public static Gen<PsaCompanyRef> Company() =>
        Gen.OneOf(
            from id in Gen.Choose(1, 6)
            from name in Gen.Elements(NastyText)
            from account in Gen.Elements<string?>(null, "", "ACME01", new string('A', 300), "😀")
            select new PsaCompanyRef($"co-{id}", name.Length == 0 ? $"Company {id}" : name, account),
            Gen.Elements(
                new PsaCompanyRef("", ""),
                new PsaCompanyRef("", "Nameless id"),
                new PsaCompanyRef("co-blank-name", ""),
                new PsaCompanyRef("  ", "   "),
                new PsaCompanyRef("co-same", "Same Name"),
                new PsaCompanyRef("co-same-2", "same name")));

    private static Gen<PsaContact[]> Contacts(PsaCompanyRef[] companies) =>
        from company in Gen.Elements(companies)
        from count in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 7)))
        from contacts in Gen.ArrayOf(Contact(company.Id), count)
        select contacts.Select((c, i) => c with { Id = $"{company.Id}-ct{i}", IsPrimary = c.IsPrimary && i % 3 == 0 }).ToArray();

    private static Gen<PsaContact> Contact(string companyId) =>
        from email in Email()
        from primary in Gen.Elements(true, false)
        from active in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from first in Gen.Elements(NastyText)
        select new PsaContact("", companyId, first, "Last", email, primary, active);

    public static Gen<string> Email() =>
        Gen.OneOf(
            from user in Gen.Elements("ann", "Ann", "ANN", "bob", "b.o.b+billing", "carol", "dave", "erin")
            from domain in Gen.Elements(Domains)
            select $"{user}@{domain}",
            Gen.Elements(
                "",
                " ",
                "not-an-email",
                " ann@acme.example ",
                new string('a', 120) + "@acme.example",
                "δοκιμή@παράδειγμα.δοκιμή",
                "user@[127.0.0.1]",
                "\"quoted local\"@acme.example",
                "ann@acme.example,bob@acme.example",
                "ann@acme.example\r\nBcc: evil@evil.example"));

    public static Gen<PsaInvoice> Invoice(PsaCompanyRef[] companies) =>
        from id in Gen.Frequency((12, Gen.Choose(1, 1_000_000).Select(n => $"inv{n}")), (1, Gen.Constant("")))
        from number in Gen.Frequency(
            (6, Gen.Choose(1, 999_999).Select(n => $"INV-{n}")),
            (1, Gen.Elements(NastyText)))
        from company in Gen.Elements(companies)
        from date in Date()
        from due in Gen.Frequency((2, Gen.Constant<LocalDate?>(null)), (2, Date().Select(d => (LocalDate?)d)))
        from terms in Gen.Elements<PaymentTermsRef?>(
            null,
            new PaymentTermsRef("t30", "Net 30", 30),
            new PaymentTermsRef("t0", "Due on receipt", 0),
            new PaymentTermsRef("neg", "Negative", -30),
            new PaymentTermsRef("max", "Forever", int.MaxValue),
            new PaymentTermsRef("min", "Never", int.MinValue),
            new PaymentTermsRef("", "", null))
        from currency in Gen.Elements("USD", "usd", "", "XXX", "€", "US Dollars")
        from lineCount in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 4)), (1, Gen.Choose(5, 40)))
        from lines in Gen.ArrayOf(Line(), lineCount)
        from taxMode in Gen.Elements(TaxMode.Exclusive, TaxMode.Inclusive, TaxMode.NoTax)
        from totalKind in Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from oddTotal in Gen.Elements(NastyMoney)
        from recipientCount in Gen.Choose(0, 8)
        from recipients in Gen.ArrayOf(Email(), recipientCount)
        from po in Gen.Elements<string?>(null, "", "PO-1", new string('P', 500), "😀")
        from division in Gen.Elements<string?>(null, "", "Managed", "\u202Eevil")
        let tax = SafeSum(lines.Select(l => l.Tax))
        let sum = SafeSum(lines.Select(l => l.Amount))
        let total = totalKind switch
        {
            0 => SafeAdd(sum, taxMode == TaxMode.Exclusive ? tax : 0m),
            1 => oddTotal,
            _ => SafeAdd(SafeAdd(sum, taxMode == TaxMode.Exclusive ? tax : 0m), 0.03m),
        }
        select new PsaInvoice(id, number, company, date, due, terms, currency, lines, sum, tax, total, recipients)
        {
            TaxMode = taxMode,
            PurchaseOrderNumber = po,
            Division = division,
        };

    private static Gen<LocalDate> Date() =>
        Gen.Frequency(
            (3, Gen.Elements(NastyDates)),
            (1, Gen.Choose(1, 3_652_058).Select(days => new LocalDate(1, 1, 1).PlusDays(days - 1))));

    private static Gen<PsaInvoiceLine> Line() =>
        from description in Gen.Elements(NastyText)
        from quantity in Gen.Elements(0m, 1m, -1m, 0.5m, 0.0001m, 3m, 1e-10m, 1_000_000m, -2.5m)
        from price in Gen.Elements(NastyMoney)
        from consistent in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from oddAmount in Gen.Elements(NastyMoney)
        from taxRate in Gen.Elements(0m, 0.1m, 0.2m, 0.0825m, -0.1m)
        from itemCode in Gen.Elements<string?>(null, "", "MSP", "msp", " MSP ", new string('I', 200), "😀code", "\u0000")
        from billable in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        let amount = consistent ? SafeMultiply(quantity, price) : oddAmount
        select new PsaInvoiceLine(description, quantity, price, amount, decimal.Round(SafeMultiply(amount, taxRate), 2))
        {
            ItemCode = itemCode,
            GlCode = itemCode,
            TaxCode = itemCode,
            Billable = billable,
        };

    private static decimal SafeSum(IEnumerable<decimal> values)
    {
        var sum = 0m;
        foreach (var value in values)
        {
            sum = SafeAdd(sum, value);
        }

        return sum;
    }

    private static decimal SafeAdd(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return a;
        }
    }

    private static decimal SafeMultiply(decimal a, decimal b)
    {
        try
        {
            return a * b;
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }
}
