using NodaTime;

namespace WiseSync.QuickBooks.Tests.Infrastructure;

/// <summary>Builds requests and drafts the way the engine hands them to a sink.</summary>
internal static class Drafts
{
    public static readonly LocalDate Date = new(2026, 11, 2);

    public static CustomerRequest Customer(string companyId, string name, string? emails = null, string? knownId = null, string? accountNumber = null) =>
        new(new PsaCompanyRef(companyId, name, accountNumber), knownId,
            emails is null ? ContactSelection.Unchanged : Selection(emails.Split(',', StringSplitOptions.TrimEntries)));

    /// <summary>The policy's decision for these addresses: the first is the primary, the rest the other recipients.</summary>
    public static ContactSelection Selection(params string[] addresses) =>
        new(new AccountingContactPerson("First", "Contact", addresses[0]), addresses.Skip(1).Select(a => new AccountingContactPerson("Other", "Contact", a)).ToList(), []);

    public static AccountingInvoiceDraft Invoice(
        string psaInvoiceId,
        string number,
        string customerId,
        decimal amount = 100m,
        decimal tax = 0m,
        DocumentKind kind = DocumentKind.Invoice,
        string? itemCode = null,
        string? key = null) =>
        new(psaInvoiceId, number, kind, customerId, Date, Date.PlusDays(30), "USD",
            [new AccountingLine($"Managed services for {number}", 1m, amount, amount, tax) { ItemCode = itemCode }],
            amount + tax,
            key ?? $"key-{psaInvoiceId}-r1")
        {
            TaxTotal = tax,
        };

    /// <summary>Creates customers for <paramref name="count"/> companies and returns their QuickBooks ids.</summary>
    public static async Task<IReadOnlyList<string>> CustomersAsync(IAccountingSink sink, int count, string prefix = "Company")
    {
        var requests = Enumerable.Range(1, count).Select(i => Customer($"c{i}", $"{prefix} {i:000}")).ToList();
        var resolutions = await sink.EnsureCustomersAsync(requests);
        Assert.All(resolutions, r => Assert.NotNull(r.Customer));
        return resolutions.Select(r => r.Customer!.Id).ToList();
    }
}
