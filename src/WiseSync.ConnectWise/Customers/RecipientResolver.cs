using WiseSync.ConnectWise.Dto;

namespace WiseSync.ConnectWise.Customers;

/// <summary>
/// An invoice's recipients in ConnectWise order: the bill-to company's billing contact, then its contacts flagged as default
/// billing contacts (by id), then the company's "invoice to" and "invoice CC" addresses (reference/psa-apis.md §2.6).
/// Duplicates (case-insensitive) keep their first place.
/// </summary>
internal static class RecipientResolver
{
    private static readonly char[] AddressSeparators = [';', ','];

    public static IReadOnlyList<string> Resolve(CwCompany? company, IReadOnlyDictionary<int, CwContact> contactsById, IReadOnlyList<CwContact> companyContacts)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Add(string? address)
        {
            var trimmed = address?.Trim();
            if (!string.IsNullOrEmpty(trimmed) && trimmed.Contains('@', StringComparison.Ordinal) && seen.Add(trimmed))
            {
                result.Add(trimmed);
            }
        }

        if (company?.BillingContact?.Id is { } billingId && contactsById.TryGetValue(billingId, out var billing) && billing.InactiveFlag != true)
        {
            Add(EmailOf(billing));
        }

        foreach (var contact in companyContacts.Where(c => c.DefaultBillingFlag == true && c.InactiveFlag != true).OrderBy(c => c.Id))
        {
            Add(EmailOf(contact));
        }

        foreach (var list in new[] { company?.InvoiceToEmailAddress, company?.InvoiceCCEmailAddress })
        {
            foreach (var address in (list ?? string.Empty).Split(AddressSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                Add(address);
            }
        }

        return result;
    }

    /// <summary>The contact's email: the Email communication item, preferring the default one (reference/psa-apis.md §2.6).</summary>
    public static string? EmailOf(CwContact contact)
    {
        var emails = (contact.CommunicationItems ?? [])
            .Where(i => string.Equals(i.CommunicationType, "Email", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(i.Value))
            .ToList();
        return (emails.FirstOrDefault(i => i.DefaultFlag == true) ?? emails.FirstOrDefault())?.Value?.Trim();
    }
}
