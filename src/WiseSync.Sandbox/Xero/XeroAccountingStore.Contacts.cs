namespace WiseSync.Sandbox.Xero;

internal sealed partial class XeroAccountingStore
{
    /// <summary>
    /// The where fields Xero optimises for Contacts (reference §1.4; CData's reading of Xero's docs). On a large
    /// organisation any other field, an OR, a != or no filter at all is refused with HighVolumeException.
    /// </summary>
    public static readonly IReadOnlySet<string> OptimisedContactFields = new HashSet<string>(StringComparer.Ordinal) { "Name", "EmailAddress", "AccountNumber" };

    /// <summary>Whether the organisation is over Xero's high-volume threshold (seed problem "highVolume").</summary>
    public bool HighVolume { get; set; }

    public XeroResponse GetContacts(XeroContactQuery query)
    {
        if (!XeroWhereFilter.TryParse(query.Where, out var where, out var invalid))
            return invalid!;

        var filtered = query.Ids is { Count: > 0 } || !string.IsNullOrWhiteSpace(query.SearchTerm) || where is not null;
        if (HighVolume && (!filtered || (where is not null && !where.IsOptimised(OptimisedContactFields))))
        {
            return XeroResponse.HighVolume("Contacts");
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            IEnumerable<XeroContactRecord> found = _contacts;
            if (query.Ids is { Count: > 0 } ids)
            {
                var wanted = ids.ToHashSet();
                found = found.Where(c => wanted.Contains(c.ContactID));
            }

            if (!query.IncludeArchived)
            {
                found = found.Where(c => c.ContactStatus == "ACTIVE");
            }

            if (where is not null)
            {
                found = found.Where(c => where.Matches(field => ContactField(c, field)));
            }

            if (!string.IsNullOrWhiteSpace(query.SearchTerm))
            {
                // getContacts searchTerm: case-insensitive over Name, FirstName, LastName, ContactNumber, EmailAddress.
                var term = query.SearchTerm;
                found = found.Where(c => new[] { c.Name, c.FirstName, c.LastName, c.ContactNumber, c.EmailAddress }
                    .Any(v => v?.Contains(term, StringComparison.OrdinalIgnoreCase) == true));
            }

            return Listing(found.OrderBy(c => c.Name, StringComparer.Ordinal), "Contacts", query.Page, query.PageSize, now,
                (c, paged) => query.SummaryOnly ? XeroRender.ContactSummary(c) : XeroRender.Contact(c, detailed: paged));
        }
    }

    /// <summary>GET /Contacts/{ContactID} or /Contacts/{ContactNumber}.</summary>
    public XeroResponse GetContact(string idOrNumber)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var contact = Guid.TryParse(idOrNumber, out var id)
                ? FindContact(id)
                : _contacts.Find(c => string.Equals(c.ContactNumber, idOrNumber, StringComparison.Ordinal));
            return contact is null
                ? XeroResponse.NotFound($"Contact '{idOrNumber}' not found")
                : XeroResponse.Ok(Collection(XeroRender.Envelope(Guid.NewGuid(), now), "Contacts", [XeroRender.Contact(contact, detailed: true)], null));
        }
    }

    /// <summary>PUT /Contacts (create only) or POST /Contacts (update or create).</summary>
    public XeroResponse WriteContacts(JsonNode? body, bool createOnly, bool summarizeErrors) =>
        RunBatch(body, "Contacts", "HasValidationErrors", summarizeErrors, (element, now) => WriteContact(element, createOnly, now));

    /// <summary>Merges one contact into another, as the Xero UI does (sandbox admin).</summary>
    public bool Merge(Guid from, Guid into)
    {
        lock (_gate)
        {
            var source = FindContact(from);
            var target = FindContact(into);
            if (source is null || target is null || from == into)
            {
                return false;
            }

            source.MergedToContactID = into;
            source.ContactStatus = "ARCHIVED";
            source.UpdatedDateUTC = time.GetUtcNow();
            return true;
        }
    }

    /// <summary>Archives a contact (sandbox admin).</summary>
    public bool Archive(Guid id)
    {
        lock (_gate)
        {
            if (FindContact(id) is not { } contact)
            {
                return false;
            }

            contact.ContactStatus = "ARCHIVED";
            contact.UpdatedDateUTC = time.GetUtcNow();
            return true;
        }
    }

    private (JsonObject? Saved, List<string> Errors) WriteContact(JsonObject element, bool createOnly, DateTimeOffset now)
    {
        var errors = new List<string>();
        var id = XeroJsonFields.Guid(element, "ContactID");
        var name = XeroJsonFields.String(element, "Name");
        var number = XeroJsonFields.String(element, "ContactNumber");

        XeroContactRecord? existing = null;
        if (!createOnly)
        {
            if (id is { } given)
            {
                existing = FindContact(given);
                if (existing is null)
                {
                    return (null, [$"Contact with ContactID {given} could not be found"]);
                }
            }
            else if (!string.IsNullOrEmpty(number))
            {
                existing = _contacts.Find(c => c.ContactNumber == number);
            }

            // Without an id Xero matches an active contact by name and overwrites it (reference §1.4, the name pitfall).
            existing ??= name is null ? null : _contacts.Find(c => c.ContactStatus == "ACTIVE" && c.Name == name);
        }

        // A ContactID on PUT is ignored: Xero generates ids (Xero-NetStandard#226).
        var newName = name ?? existing?.Name;
        if (string.IsNullOrWhiteSpace(newName))
        {
            errors.Add("The contact name must be specified.");
        }

        CheckLength(errors, "Name", name, 255);
        CheckLength(errors, "ContactNumber", number, 50);
        var accountNumber = XeroJsonFields.String(element, "AccountNumber");
        CheckLength(errors, "AccountNumber", accountNumber, 50);
        var firstName = XeroJsonFields.String(element, "FirstName");
        var lastName = XeroJsonFields.String(element, "LastName");
        var email = XeroJsonFields.String(element, "EmailAddress");
        CheckLength(errors, "FirstName", firstName, 255);
        CheckLength(errors, "LastName", lastName, 255);
        CheckLength(errors, "EmailAddress", email, 255);
        var companyNumber = XeroJsonFields.String(element, "CompanyNumber");
        var taxNumber = XeroJsonFields.String(element, "TaxNumber");
        CheckLength(errors, "CompanyNumber", companyNumber, 50);
        CheckLength(errors, "TaxNumber", taxNumber, 50);
        var status = XeroJsonFields.String(element, "ContactStatus");
        if (status is not null && status is not ("ACTIVE" or "ARCHIVED"))
        {
            errors.Add($"ContactStatus {status} is not valid");
        }

        var newStatus = status ?? existing?.ContactStatus ?? "ACTIVE";
        if (newName is not null && newStatus == "ACTIVE"
            && _contacts.Exists(c => c != existing && c.ContactStatus == "ACTIVE" && c.Name == newName))
        {
            errors.Add(XeroMessages.ContactNameTaken(newName));
        }

        if (!string.IsNullOrEmpty(number) && _contacts.Exists(c => c != existing && c.ContactNumber == number))
        {
            errors.Add(XeroMessages.ContactNumberTaken(number));
        }

        List<XeroContactPersonRecord>? persons = null;
        if (XeroJsonFields.Array(element, "ContactPersons") is { } posted)
        {
            persons = posted.Select(p => new XeroContactPersonRecord(
                XeroJsonFields.String(p, "FirstName"),
                XeroJsonFields.String(p, "LastName"),
                XeroJsonFields.String(p, "EmailAddress"),
                XeroJsonFields.Bool(p, "IncludeInEmails") ?? false)).ToList();
            if (persons.Count > MaxContactPersons)
            {
                errors.Add(XeroMessages.TooManyContactPersons);
            }

            if (persons.Count > 0 && string.IsNullOrWhiteSpace(email ?? existing?.EmailAddress))
            {
                errors.Add(XeroMessages.ContactPersonsNeedPrimaryEmail);
            }
        }

        var saved = Upsert(errors, _contacts, existing, () => new XeroContactRecord { ContactID = Guid.NewGuid(), Name = newName! }, contact =>
        {
            contact.Name = newName!;
            contact.ContactNumber = number ?? contact.ContactNumber;
            contact.AccountNumber = accountNumber ?? contact.AccountNumber;
            contact.FirstName = firstName ?? contact.FirstName;
            contact.LastName = lastName ?? contact.LastName;
            contact.EmailAddress = email ?? contact.EmailAddress;
            contact.CompanyNumber = companyNumber ?? contact.CompanyNumber;
            contact.TaxNumber = taxNumber ?? contact.TaxNumber;
            contact.ContactStatus = newStatus;

            // Sending ContactPersons replaces the whole list; omitting it keeps the list (reference §1.4).
            if (persons is not null)
            {
                contact.ContactPersons = persons;
            }

            contact.UpdatedDateUTC = now;
        });
        return saved is null ? (null, errors) : (XeroRender.Contact(saved, detailed: false), []);
    }

    private static object? ContactField(XeroContactRecord c, string field) => field switch
    {
        "Name" => c.Name,
        "ContactNumber" => c.ContactNumber,
        "AccountNumber" => c.AccountNumber,
        "EmailAddress" => c.EmailAddress,
        "FirstName" => c.FirstName,
        "LastName" => c.LastName,
        "ContactStatus" => c.ContactStatus,
        "ContactID" => c.ContactID.ToString(),
        "IsCustomer" => c.IsCustomer,
        "IsSupplier" => false,
        _ => throw new FormatException($"No property or field '{field}' exists in type 'Contact'"),
    };
}
