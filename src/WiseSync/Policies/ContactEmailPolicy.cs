namespace WiseSync.Policies;

/// <summary>
/// Chooses the contacts to set on an accounting customer from the invoice recipients and the company's PSA contacts
/// (DESIGN §5), one decision for every PSA and every sink, for a customer created now or one that exists:
/// <list type="bullet">
/// <item>the accounting primary is the PSA company's primary contact (active, with an email), always;</item>
/// <item>recipients count only when they are active contacts of the company — an address carried as an ad-hoc
/// recipient counts as the contact it belongs to (trimmed, case-insensitive); other addresses are ignored;</item>
/// <item>no usable recipient leaves the persons / email list exactly as they are;</item>
/// <item>the other recipient contacts follow in PSA order, within the sink's person cap, a recipient primary counted
/// inside the cap.</item>
/// </list>
/// Fitting addresses into a sink's single email field is the sink's job: it knows its field.
/// </summary>
internal sealed class ContactEmailPolicy(ContactEmailHandling handling)
{
    public ContactSelection Select(string companyId, IEnumerable<string> recipients, IEnumerable<PsaContact> contacts, AccountingCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        if (handling == ContactEmailHandling.None)
        {
            return ContactSelection.Unchanged;
        }

        var company = CompanyContacts.Of(companyId, contacts);
        var primary = company.Primary is { } p ? ToPerson(p) : null;
        var recipientContacts = company.Match(recipients);
        var primaryIsRecipient = company.Primary is not null && recipientContacts.Contains(company.Primary);
        if (handling == ContactEmailHandling.PrimaryOnly || recipientContacts.Count == 0)
        {
            // No usable recipient: the primary stays the primary and nothing else changes.
            return new ContactSelection(primary, null, []) { PrimaryIsRecipient = primaryIsRecipient };
        }

        var others = recipientContacts.Where(c => c != company.Primary).ToList();
        var warnings = new List<string>();
        if (capabilities.MaxContactPersons > 0)
        {
            // The primary, when it is a recipient, is one of the persons the sink keeps; the first found win.
            var slots = Math.Max(0, capabilities.MaxContactPersons - (primaryIsRecipient ? 1 : 0));
            if (others.Count > slots)
            {
                warnings.Add($"At most {capabilities.MaxContactPersons} contact persons: not added {string.Join(", ", others.Skip(slots).Select(c => c.Email!.Trim()))}.");
                others = others.Take(slots).ToList();
            }
        }

        return new ContactSelection(primary, others.Select(ToPerson).ToList(), warnings) { PrimaryIsRecipient = primaryIsRecipient };
    }

    /// <summary>The invoice's own email list: its recipients that are active company contacts, in PSA order, comma separated; null when none.</summary>
    public string? SelectInvoiceEmail(string companyId, IEnumerable<string> recipients, IEnumerable<PsaContact> contacts)
    {
        if (handling == ContactEmailHandling.None)
        {
            return null;
        }

        var matched = CompanyContacts.Of(companyId, contacts).Match(recipients);
        return matched.Count == 0 ? null : string.Join(",", matched.Select(c => c.Email!.Trim()));
    }

    private static AccountingContactPerson ToPerson(PsaContact contact) =>
        new(contact.FirstName, contact.LastName, contact.Email!.Trim());

    /// <summary>A company's active contacts with an email, by address; a shared address resolves to the primary.</summary>
    private sealed class CompanyContacts
    {
        private readonly Dictionary<string, PsaContact> _byEmail = new(StringComparer.OrdinalIgnoreCase);

        public PsaContact? Primary { get; private init; }

        public static CompanyContacts Of(string companyId, IEnumerable<PsaContact> contacts)
        {
            var active = contacts
                .Where(c => c.CompanyId == companyId && c.IsActive && !string.IsNullOrWhiteSpace(c.Email))
                .OrderByDescending(c => c.IsPrimary)
                .ToList();
            var result = new CompanyContacts { Primary = active.FirstOrDefault(c => c.IsPrimary) };
            foreach (var contact in active)
            {
                result._byEmail.TryAdd(contact.Email!.Trim(), contact);
            }

            return result;
        }

        /// <summary>The contacts the recipients name, in recipient order, each once; ad-hoc and foreign addresses dropped.</summary>
        public List<PsaContact> Match(IEnumerable<string> recipients)
        {
            var matched = new List<PsaContact>();
            foreach (var address in recipients ?? [])
            {
                if (address is not null && _byEmail.TryGetValue(address.Trim(), out var contact) && !matched.Contains(contact))
                {
                    matched.Add(contact);
                }
            }

            return matched;
        }
    }
}
