using System.Globalization;
using NodaTime;

namespace WiseSync.Xero.Tests.Infrastructure;

/// <summary>Engine-shaped requests and drafts for the tests.</summary>
internal static class Drafts
{
    public static readonly LocalDate Date = new(2026, 11, 2);

    public static CustomerRequest Customer(string id, string name, string? knownId = null, ContactSelection? contacts = null) =>
        new(new PsaCompanyRef(id, name), knownId, contacts ?? ContactSelection.Unchanged);

    public static AccountingInvoiceDraft Invoice(string number, string customerId, decimal unitPrice = 100m, int lines = 1, string revision = "r1", LocalDate? date = null)
    {
        var lineList = Enumerable.Range(1, lines)
            .Select(i => new AccountingLine($"Managed services {i}", 2m, unitPrice, 2m * unitPrice, 0m) { AccountCode = "200" })
            .ToList();
        var total = lineList.Sum(l => l.Amount);
        return new AccountingInvoiceDraft(
            "psa-" + number,
            number,
            DocumentKind.Invoice,
            customerId,
            date ?? Date,
            (date ?? Date).PlusDays(30),
            "USD",
            lineList,
            total,
            $"key-{number}-{revision}")
        {
            SourceUrl = new Uri($"https://psa.example/invoices/{number}"),
        };
    }

    public static AccountingInvoiceDraft CreditNote(string number, string customerId, decimal amount) =>
        new("psa-" + number, number, DocumentKind.CreditNote, customerId, Date, null, "USD",
            [new AccountingLine("Credit for outage", 1m, amount, amount, 0m)], amount, $"key-{number}-r1");

    public static string N(int i) => i.ToString("000", CultureInfo.InvariantCulture);
}
