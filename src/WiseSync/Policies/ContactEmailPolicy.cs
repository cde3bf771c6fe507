namespace WiseSync.Policies;

/// <summary>
/// Chooses the contacts to set on an accounting customer from the invoice recipients and the company's PSA contacts
/// (DESIGN §5): recipients that are active contacts of the company, the PSA primary kept as primary and never replaced
/// by a non-primary, PSA order, the sink's person cap with a recipient primary always inside it, and an email field cut
/// at whole addresses.
/// </summary>
internal sealed class ContactEmailPolicy(ContactEmailHandling handling)
{
    private const string Separator = ",";

    public ContactSelection Select(string companyId, IEnumerable<string> recipients, IEnumerable<PsaContact> contacts, AccountingCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        if (handling == ContactEmailHandling.None)
        {
            return ContactSelection.Unchanged;
        }

        var active = contacts
            .Where(c => c.CompanyId == companyId && c.IsActive && !string.IsNullOrWhiteSpace(c.Email))
            .OrderByDescending(c => c.IsPrimary) // a shared address resolves to the primary contact
            .ToList();
        var byEmail = new Dictionary<string, PsaContact>(StringComparer.OrdinalIgnoreCase);
        foreach (var contact in active)
        {
            byEmail.TryAdd(contact.Email!.Trim(), contact);
        }

        // Ad-hoc addresses and people outside the company are ignored: only active company contacts count.
        var recipientContacts = new List<PsaContact>();
        foreach (var address in recipients)
        {
            if (address is not null && byEmail.TryGetValue(address.Trim(), out var contact) && !recipientContacts.Contains(contact))
            {
                recipientContacts.Add(contact);
            }
        }

        if (recipientContacts.Count == 0)
        {
            return ContactSelection.Unchanged;
        }

        var primary = active.FirstOrDefault(c => c.IsPrimary);
        var primaryIsRecipient = primary is not null && recipientContacts.Contains(primary);
        if (handling == ContactEmailHandling.PrimaryOnly && !primaryIsRecipient)
        {
            return ContactSelection.Unchanged;
        }

        var others = handling == ContactEmailHandling.PrimaryOnly
            ? []
            : recipientContacts.Where(c => c != primary).ToList();
        var warnings = new List<string>();

        var keptOthers = others;
        if (capabilities.MaxContactPersons > 0)
        {
            var slots = Math.Max(0, capabilities.MaxContactPersons - (primaryIsRecipient ? 1 : 0));
            keptOthers = others.Take(slots).ToList();
            if (others.Count > slots)
            {
                warnings.Add($"At most {capabilities.MaxContactPersons} contact persons: not added {string.Join(", ", others.Skip(slots).Select(c => c.Email!.Trim()))}.");
            }
        }

        string? emailField = null;
        if (capabilities.MaxEmailFieldLength is { } maxLength)
        {
            // The primary's address leads the field even when this invoice was not sent to it, so it is never replaced.
            var addresses = new List<string>();
            if (primary is not null)
            {
                addresses.Add(primary.Email!.Trim());
            }

            addresses.AddRange(keptOthers.Select(c => c.Email!.Trim()));
            emailField = FitWholeAddresses(addresses, maxLength, warnings);
        }

        var persons = capabilities.MaxContactPersons > 0 ? keptOthers.Select(ToPerson).ToList() : [];
        return new ContactSelection(primaryIsRecipient ? ToPerson(primary!) : null, persons, emailField, warnings);
    }

    /// <summary>The invoice's own email field: its recipients that are active company contacts, in PSA order, whole addresses within the limit.</summary>
    public string? SelectInvoiceEmail(string companyId, IEnumerable<string> recipients, IEnumerable<PsaContact> contacts, int? maxLength, List<string> warnings)
    {
        if (handling == ContactEmailHandling.None || maxLength is not { } limit)
        {
            return null;
        }

        var known = new HashSet<string>(
            contacts.Where(c => c.CompanyId == companyId && c.IsActive && !string.IsNullOrWhiteSpace(c.Email)).Select(c => c.Email!.Trim()),
            StringComparer.OrdinalIgnoreCase);
        var addresses = recipients
            .Where(r => r is not null && known.Contains(r.Trim()))
            .Select(r => r.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return FitWholeAddresses(addresses, limit, warnings);
    }

    private static string? FitWholeAddresses(List<string> addresses, int maxLength, List<string> warnings)
    {
        var field = string.Empty;
        var kept = new List<string>();
        foreach (var address in addresses)
        {
            // An address longer than the field can never fit; it must not push out the ones after it.
            if (address.Length > maxLength)
            {
                continue;
            }

            var candidate = field.Length == 0 ? address : field + Separator + address;
            if (candidate.Length > maxLength)
            {
                break;
            }

            field = candidate;
            kept.Add(address);
        }

        if (kept.Count < addresses.Count)
        {
            warnings.Add($"The email field holds at most {maxLength} characters: not added {string.Join(", ", addresses.Except(kept))}.");
        }

        return field.Length == 0 ? null : field;
    }

    private static AccountingContactPerson ToPerson(PsaContact contact) =>
        new(contact.FirstName, contact.LastName, contact.Email!.Trim());
}
