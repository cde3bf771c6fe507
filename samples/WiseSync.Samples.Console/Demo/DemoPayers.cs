using WiseSync.Pay;

namespace WiseSync.Samples.Console.Demo;

/// <summary>
/// The Wise-Pay demo of the embedded-sandbox run: of the companies with pending invoices, a third get a payer whose
/// auto-pay terms are their invoices' terms (queued), a third a payer whose terms are other terms (no-terms), and a
/// third no payer at all (no-payer). Methods are masked, as Wise-Pay requires.
/// </summary>
internal static class DemoPayers
{
    private static readonly PaymentMethod[] Cards =
    [
        PaymentMethod.Card("Visa", "4242"),
        PaymentMethod.Card("Mastercard", "4444"),
        PaymentMethod.BankAccount("Checking", "6789"),
    ];

    /// <summary>Saves the demo payers for the companies of <paramref name="invoices"/>; returns (queued, other terms, none) company counts.</summary>
    public static async Task<(int Matching, int OtherTerms, int None)> SeedAsync(WisePayStore store, IReadOnlyList<PsaInvoice> invoices, CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var allTerms = invoices.Where(i => i.Terms is not null).Select(i => i.Terms!.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var companies = invoices.GroupBy(i => i.Company.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        int matching = 0, other = 0, none = 0;
        for (var index = 0; index < companies.Count; index++)
        {
            var company = companies[index];
            var name = company.First().Company.Name;
            var ownTerms = company.Where(i => i.Terms is not null).Select(i => i.Terms!.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            switch (index % 3)
            {
                case 0 when ownTerms.Count > 0:
                    await store.SavePayerAsync(
                        new Payer($"demo-{company.Key}", company.Key)
                        {
                            Name = name,
                            Primary = Cards[index % Cards.Length],
                            AutoPayTerms = ownTerms.Select(AutoPayTerms.OnDueDate).ToList(),
                        },
                        cancellationToken);
                    matching++;
                    break;
                case 1 when allTerms.Except(ownTerms, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } otherTerms:
                    await store.SavePayerAsync(
                        new Payer($"demo-{company.Key}", company.Key)
                        {
                            Name = name,
                            Primary = Cards[index % Cards.Length],
                            AutoPayTerms = [AutoPayTerms.DaysAfterInvoiceDate(otherTerms, 5)],
                        },
                        cancellationToken);
                    other++;
                    break;
                default:
                    none++;
                    break;
            }
        }

        return (matching, other, none);
    }
}
