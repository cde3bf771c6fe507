using NodaTime;

namespace WiseSync.Benchmarks.Micro;

/// <summary>Deterministic inputs shaped like a typical MSP invoice: a company with 12 contacts, 4 recipients, 6 lines.</summary>
internal static class MicroData
{
    public const string CompanyId = "29683500";

    public static readonly AccountingCapabilities Xero = new(MaxContactPersons: 5, MaxEmailFieldLength: null, MaxItemCodeLength: 30, MaxDocumentNumberLength: 255, BatchSize: 50);

    public static readonly AccountingCapabilities QuickBooks = new(MaxContactPersons: 0, MaxEmailFieldLength: 100, MaxItemCodeLength: 100, MaxDocumentNumberLength: 21, BatchSize: 30);

    public static IReadOnlyList<PsaContact> Contacts(string companyId, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new PsaContact($"{companyId}-{i}", companyId, $"First{i}", $"Last{i}", $"person{i}@{companyId}.example.com", IsPrimary: i == 0, IsActive: i % 7 != 6))
            .ToList();

    /// <summary>The primary, two other contacts, one ad-hoc address and a contact of another company, as PSA recipients look.</summary>
    public static IReadOnlyList<string> Recipients(string companyId) =>
    [
        $"person3@{companyId}.example.com",
        $"PERSON0@{companyId}.example.com",
        "accounts@somewhere-else.example.com",
        $"person5@{companyId}.example.com",
        "person1@other.example.com",
    ];

    public static PsaInvoice Invoice(int index, string companyId, int lines = 6)
    {
        var date = new LocalDate(2026, 11, 1).PlusDays(index % 20);
        var psaLines = Enumerable.Range(0, lines).Select(l =>
        {
            var quantity = 1m + (l % 3);
            var price = 95m + (index % 17) + (l * 12.5m);
            var amount = quantity * price;
            return new PsaInvoiceLine($"Managed services item {l} for November, ticket T2026110{l}.000{index % 9}", quantity, price, amount, Math.Round(amount * 0.1m, 2))
            {
                ItemCode = l % 2 == 0 ? "MANAGED-SERVICES-PER-DEVICE-MONTHLY-PREMIUM" : $"LABOR-{l}",
                GlCode = "4000",
                TaxCode = "GST",
                Date = date,
                Billable = l != lines - 1 || index % 4 != 0,
                Kind = l % 2 == 0 ? "Recurring" : "Labour",
            };
        }).ToList();
        var subtotal = psaLines.Sum(l => l.Amount);
        var tax = psaLines.Sum(l => l.Tax);
        return new PsaInvoice(
            (100000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"INV-{2026000 + index}",
            new PsaCompanyRef(companyId, $"Company {companyId} Pty Ltd", $"ACC{companyId}"),
            date,
            date.PlusDays(30),
            new PaymentTermsRef("1", "Net 30", 30),
            "AUD",
            psaLines,
            subtotal,
            tax,
            subtotal + tax,
            Recipients(companyId))
        {
            Division = "Managed Services",
            PurchaseOrderNumber = $"PO-{index}",
        };
    }
}
