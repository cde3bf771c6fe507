using System.Text;
using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Customers;

/// <summary>
/// Finds or creates the Xero contacts of the PSA companies of a run, in as few calls as Xero allows and with only
/// the lookups Xero documents as optimised (a large organisation refuses the others with HighVolumeException):
/// stored ContactIDs in one IDs= call (following MergedToContactID), then exact Name (where=Name=="…", OR-ed per
/// chunk, one name per call once Xero refused the OR), then ContactNumber (= PSA company id) through searchTerm or,
/// for many companies of a small organisation, one paged read of all contacts; then one PUT per 50 new contacts and
/// one POST per 50 changed ones (reference/accounting-apis.md §1.4 "Suggested find-or-create order").
/// </summary>
internal sealed class XeroCustomerResolver(XeroApi api)
{
    private const int MaxWhereLength = 2500;

    // Above this many companies, one paged read of every contact (1,000 a page) is tried before the name and
    // searchTerm lookups; it stops as soon as it would cost more pages than there are companies.
    private const int SearchTermLimit = 10;
    private const int MaxSearchPages = 10;
    private const int MaxMergeHops = 5;
    private const string NameTaken = "already assigned to another contact";

    public async Task<IReadOnlyList<CustomerResolution>> ResolveAsync(IReadOnlyList<CustomerRequest> requests, bool write, CancellationToken cancellationToken)
    {
        // One plan per PSA company; several requests for the same company share it.
        var plans = new Dictionary<string, XeroContactPlan>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            plans.TryAdd(request.Company.Id, new XeroContactPlan(request));
        }

        var all = plans.Values.ToList();
        await FindByStoredIdsAsync(all, cancellationToken).ConfigureAwait(false);
        await FindByNumberOrNameAsync(all.Where(p => p.Found is null).ToList(), cancellationToken).ConfigureAwait(false);
        if (write)
        {
            await CreateAsync(all.Where(p => p.Found is null && p.Error is null).ToList(), cancellationToken).ConfigureAwait(false);
            await UpdateAsync(all.Where(p => p.Found is not null && p.Match != CustomerMatchKind.Created).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return requests.Select(r => ToResolution(plans[r.Company.Id], write)).ToList();
    }

    private async Task FindByStoredIdsAsync(List<XeroContactPlan> plans, CancellationToken cancellationToken)
    {
        var known = plans.Where(p => !string.IsNullOrWhiteSpace(p.Request.KnownCustomerId)).ToList();
        if (known.Count == 0)
        {
            return;
        }

        var contacts = await FetchFollowingMergesAsync(known.Select(p => p.Request.KnownCustomerId!), cancellationToken).ConfigureAwait(false);
        foreach (var plan in known)
        {
            if (contacts.TryGetValue(plan.Request.KnownCustomerId!, out var found))
            {
                plan.Found = found.Contact;
                plan.Match = CustomerMatchKind.ById;
                plan.Reactivate = IsArchived(found.Contact);
                if (found.Merged)
                {
                    plan.Warnings.Add($"Xero contact {plan.Request.KnownCustomerId} was merged into '{found.Contact.Name}'; that contact is used now.");
                }
            }
            else
            {
                plan.Warnings.Add($"The stored Xero contact {plan.Request.KnownCustomerId} no longer exists; looked the company up again.");
            }
        }
    }

    private async Task FindByNumberOrNameAsync(List<XeroContactPlan> plans, CancellationToken cancellationToken)
    {
        if (plans.Count == 0)
        {
            return;
        }

        var candidates = new List<XeroContactDto>();
        if (!await SweepAsync(plans, candidates, cancellationToken).ConfigureAwait(false))
        {
            await FindByNamesAsync(plans, candidates, cancellationToken).ConfigureAwait(false);
            await FindByNumbersAsync(plans.Where(p => !candidates.Exists(c => HasNumber(c, p))).ToList(), candidates, cancellationToken).ConfigureAwait(false);
        }

        // Contacts found by number that were merged away lead to the surviving contact.
        var mergedAway = candidates.Where(c => c.MergedToContactID is { Length: > 0 }).Select(c => c.ContactID!).ToList();
        var merged = mergedAway.Count == 0
            ? new Dictionary<string, (XeroContactDto Contact, bool Merged)>()
            : await FetchFollowingMergesAsync(mergedAway, cancellationToken).ConfigureAwait(false);

        foreach (var plan in plans)
        {
            var byNumber = candidates.Find(c => string.Equals(c.ContactNumber, plan.CompanyId, StringComparison.Ordinal));
            if (byNumber is not null)
            {
                plan.Found = byNumber.MergedToContactID is { Length: > 0 } && merged.TryGetValue(byNumber.ContactID!, out var survivor) ? survivor.Contact : byNumber;
                plan.Match = CustomerMatchKind.ByAccountNumber;
                plan.Reactivate = IsArchived(plan.Found);
                continue;
            }

            var sameName = candidates
                .Where(c => string.Equals(c.Name?.Trim(), plan.Name, StringComparison.OrdinalIgnoreCase) && c.MergedToContactID is not { Length: > 0 })
                .OrderBy(c => IsArchived(c) ? 1 : 0)
                .ToList();
            var owned = sameName.Find(c => string.IsNullOrEmpty(c.ContactNumber));
            var activeOfOther = sameName.Find(c => !IsArchived(c) && !string.IsNullOrEmpty(c.ContactNumber));
            if (owned is not null && !(IsArchived(owned) && activeOfOther is not null))
            {
                plan.Found = owned;
                plan.Match = CustomerMatchKind.ByName;
                plan.Reactivate = IsArchived(owned);
            }
            else if (activeOfOther is not null)
            {
                // Xero names are unique among active contacts: another company's contact holds this one.
                var original = plan.Name;
                plan.Name = XeroContactNames.Disambiguate(original, plan.CompanyId);
                plan.Warnings.Add($"The Xero contact name '{original}' belongs to another company (contact number {activeOfOther.ContactNumber}); this company uses '{plan.Name}'.");
            }
        }
    }

    private async Task CreateAsync(List<XeroContactPlan> plans, CancellationToken cancellationToken)
    {
        // Two PSA companies of the same run with the same name cannot both have it.
        foreach (var group in plans.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var plan in group.Skip(1))
            {
                var original = plan.Name;
                plan.Name = XeroContactNames.Disambiguate(original, plan.CompanyId);
                plan.Warnings.Add($"Another company of this run is also named '{original}'; this company uses '{plan.Name}' in Xero.");
            }
        }

        var retry = await CreateOnceAsync(plans, cancellationToken).ConfigureAwait(false);
        foreach (var plan in retry)
        {
            var original = plan.Name;
            plan.Name = XeroContactNames.Disambiguate(original, plan.CompanyId);
            plan.Warnings.Add($"The Xero contact name '{original}' belongs to another contact; this company uses '{plan.Name}'.");
        }

        var failedAgain = await CreateOnceAsync(retry, cancellationToken).ConfigureAwait(false);
        foreach (var plan in failedAgain)
        {
            plan.Error ??= $"Xero refused to create contact '{plan.Name}': the name is taken.";
        }
    }

    /// <summary>PUTs the contacts; returns the plans refused only because the name is taken.</summary>
    private async Task<List<XeroContactPlan>> CreateOnceAsync(List<XeroContactPlan> plans, CancellationToken cancellationToken)
    {
        var nameTaken = new List<XeroContactPlan>();
        foreach (var chunk in plans.Chunk(XeroLimits.ElementsPerCall))
        {
            var bodies = chunk.Select(NewContact).ToList();
            var key = XeroIdempotencyKeys.For("PUT /Contacts", bodies.Select(Fingerprint));
            var answers = await api.WriteContactsAsync(createOnly: true, bodies, key, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                var plan = chunk[i];
                var answer = answers[i];
                var errors = XeroElementStatus.ContactFailure(answer).ToList();
                if (errors.Count == 0)
                {
                    plan.Found = answer;
                    plan.Match = CustomerMatchKind.Created;
                }
                else if (errors.Count > 0 && errors.TrueForAll(e => e.Contains(NameTaken, StringComparison.OrdinalIgnoreCase)))
                {
                    nameTaken.Add(plan);
                }
                else
                {
                    plan.Error = "Xero refused to create the contact: " + string.Join("; ", errors.DefaultIfEmpty("no reason given"));
                }
            }
        }

        return nameTaken;
    }

    private async Task UpdateAsync(List<XeroContactPlan> plans, CancellationToken cancellationToken)
    {
        var changes = new List<(XeroContactPlan Plan, XeroContactDto Body)>();
        foreach (var plan in plans)
        {
            if (Changes(plan) is { } body)
            {
                changes.Add((plan, body));
            }
        }

        foreach (var chunk in changes.Chunk(XeroLimits.ElementsPerCall))
        {
            var bodies = chunk.Select(c => c.Body).ToList();
            var key = XeroIdempotencyKeys.For("POST /Contacts", bodies.Select(Fingerprint));
            var answers = await api.WriteContactsAsync(createOnly: false, bodies, key, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (plan, _) = chunk[i];
                var errors = XeroElementStatus.ContactFailure(answers[i]).ToList();
                if (errors.Count == 0)
                {
                    plan.Found = answers[i];
                }
                else
                {
                    plan.Warnings.Add("Xero refused the contact update: " + string.Join("; ", errors.DefaultIfEmpty("no reason given")));
                }
            }
        }
    }

    private XeroContactDto NewContact(XeroContactPlan plan)
    {
        var people = People(plan, current: null);
        var number = plan.CompanyId.Length <= XeroContactNames.MaxContactNumber ? plan.CompanyId : null;
        if (number is null)
        {
            plan.Warnings.Add($"The PSA company id is longer than Xero's {XeroContactNames.MaxContactNumber}-character contact number; the contact is found by name next time.");
        }

        return new XeroContactDto
        {
            Name = plan.Name,
            ContactNumber = number,
            FirstName = people?.Primary?.FirstName,
            LastName = people?.Primary?.LastName,
            EmailAddress = people?.Primary?.EmailAddress,
            ContactPersons = people?.Persons is { Count: > 0 } persons ? persons : null,
        };
    }

    /// <summary>The POST body for a found contact, or null when nothing changes.</summary>
    private XeroContactDto? Changes(XeroContactPlan plan)
    {
        var current = plan.Found!;
        var people = People(plan, current);
        var setNumber = string.IsNullOrEmpty(current.ContactNumber) && plan.CompanyId.Length <= XeroContactNames.MaxContactNumber
            && plan.Match == CustomerMatchKind.ByName;
        var primaryChanged = people?.Primary is { } primary
            && (!Same(primary.EmailAddress, current.EmailAddress) || !Same(primary.FirstName, current.FirstName) || !Same(primary.LastName, current.LastName));

        // Xero replaces the whole list, so it is sent in full, and only when it differs (reference §1.4).
        var personsChanged = people?.Persons is { } wanted && !SamePersons(wanted, current.ContactPersons ?? []);
        if (!setNumber && !plan.Reactivate && !primaryChanged && !personsChanged)
        {
            return null;
        }

        if (plan.Reactivate)
        {
            plan.Warnings.Add($"The Xero contact '{current.Name}' was archived; it is active again.");
        }

        return new XeroContactDto
        {
            ContactID = current.ContactID,
            ContactNumber = setNumber ? plan.CompanyId : null,
            ContactStatus = plan.Reactivate ? "ACTIVE" : null,
            FirstName = primaryChanged ? people!.Value.Primary!.FirstName : null,
            LastName = primaryChanged ? people!.Value.Primary!.LastName : null,
            EmailAddress = primaryChanged ? people!.Value.Primary!.EmailAddress : null,
            ContactPersons = personsChanged ? people!.Value.Persons : null,
        };
    }

    /// <summary>
    /// What the contact-email policy decided, in Xero's terms: the primary person (the PSA primary, for a contact
    /// created now or one that exists) and the further persons, or null persons to leave the list as it is. A found
    /// contact keeps its own primary when the PSA has none; Xero wants a primary email before further persons
    /// (reference §1.4), so a contact created without one keeps its persons for a later run.
    /// </summary>
    private static (XeroContactPersonDto? Primary, List<XeroContactPersonDto>? Persons)? People(XeroContactPlan plan, XeroContactDto? current)
    {
        var selection = plan.Request.Contacts;
        if (selection.LeavesContactsAlone)
        {
            return null;
        }

        plan.Warnings.AddRange(selection.Warnings);
        var primary = selection.Primary is { } p ? Person(p) : null;
        var primaryEmail = primary?.EmailAddress ?? current?.EmailAddress;
        var others = selection.Others?
            .Where(o => !string.IsNullOrWhiteSpace(o.Email) && !Same(o.Email, primaryEmail))
            .DistinctBy(o => o.Email.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(Person)
            .ToList();
        if (others is { Count: > 0 } && string.IsNullOrWhiteSpace(primaryEmail))
        {
            plan.Warnings.Add($"The PSA company has no active primary contact with an email; Xero takes contact persons only beside a primary email, so {string.Join(", ", others.Select(o => o.EmailAddress))} were not added.");
            others = null;
        }

        if (others is { Count: > XeroLimits.MaxContactPersons })
        {
            plan.Warnings.Add($"Xero keeps at most {XeroLimits.MaxContactPersons} contact persons; not added: {string.Join(", ", others.Skip(XeroLimits.MaxContactPersons).Select(o => o.EmailAddress))}.");
            others = others.Take(XeroLimits.MaxContactPersons).ToList();
        }

        return (primary, others);
    }

    private static XeroContactPersonDto Person(AccountingContactPerson person) => new()
    {
        FirstName = XeroContactNames.Cut(person.FirstName.Trim()),
        LastName = XeroContactNames.Cut(person.LastName.Trim()),
        EmailAddress = XeroContactNames.Cut(person.Email.Trim()),
        IncludeInEmails = true,
    };

    private async Task<Dictionary<string, (XeroContactDto Contact, bool Merged)>> FetchFollowingMergesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, (XeroContactDto, bool)>(StringComparer.OrdinalIgnoreCase);
        var pending = ids.Where(id => Guid.TryParse(id, out _)).Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);
        for (var hop = 0; hop < MaxMergeHops && pending.Count > 0; hop++)
        {
            var next = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in pending.Keys.Chunk(XeroLimits.ElementsPerCall))
            {
                foreach (var contact in await api.GetContactsAsync(chunk, null, cancellationToken).ConfigureAwait(false))
                {
                    var original = pending[contact.ContactID!];
                    if (contact.MergedToContactID is { Length: > 0 } target && !string.Equals(target, contact.ContactID, StringComparison.OrdinalIgnoreCase))
                    {
                        next[target] = original;
                    }
                    else
                    {
                        result[original] = (contact, hop > 0);
                    }
                }
            }

            pending = next;
        }

        return result;
    }

    /// <summary>
    /// Exact names (the company's and the "Name (PSA id)" an earlier run may have given it) with where=Name=="…",
    /// an optimised field: OR-ed per chunk, or the company's name alone per call once Xero refused the OR; a refused
    /// single name is looked up with searchTerm.
    /// </summary>
    private async Task FindByNamesAsync(List<XeroContactPlan> plans, List<XeroContactDto> candidates, CancellationToken cancellationToken)
    {
        var names = plans.SelectMany(NamesOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!api.State.ContactFiltersRefused)
        {
            try
            {
                foreach (var where in WhereChunks(names))
                {
                    candidates.AddRange(await api.GetContactsAsync(null, where, cancellationToken).ConfigureAwait(false));
                }

                return;
            }
            catch (XeroFilterRefusedException)
            {
                // A large organisation: remember it, and ask one name at a time (a simple == on an optimised field).
                api.State.ContactFiltersRefused = true;
            }
        }

        // One call per company name; "Name (PSA id)" is left to the searchTerm on the PSA id, which finds it too.
        foreach (var name in plans.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                candidates.AddRange(await api.GetContactsAsync(null, "Name==" + XeroContactNames.Quote(name), cancellationToken).ConfigureAwait(false));
            }
            catch (XeroFilterRefusedException)
            {
                var owners = plans.Where(p => NamesOf(p).Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
                if (await SearchAsync(name, owners, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    candidates.AddRange(found.Where(c => string.Equals(c.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase)));
                }
                else
                {
                    // Nothing could be looked up: creating now could duplicate a contact Xero already has.
                    foreach (var plan in owners)
                    {
                        plan.Error ??= $"Xero refused every lookup of the contact '{name}' for this large organisation; it was not created, to avoid a duplicate. Store the contact's ContactID for this company, or retry later.";
                    }
                }
            }
        }
    }

    /// <summary>
    /// For many companies of an organisation not known to be large: one paged read of every contact (1,000 a page,
    /// no filter), when it costs no more calls than there are companies; it answers names and numbers at once.
    /// False when it was not done or not finished (the candidates found so far are kept).
    /// </summary>
    private async Task<bool> SweepAsync(List<XeroContactPlan> plans, List<XeroContactDto> candidates, CancellationToken cancellationToken)
    {
        if (plans.Count <= SearchTermLimit || api.State.ContactFiltersRefused)
        {
            return false;
        }

        try
        {
            for (var page = 1; ; page++)
            {
                var answer = await api.GetContactPageAsync(null, null, null, page, XeroLimits.MaxPageSize, cancellationToken).ConfigureAwait(false);
                var contacts = answer.Contacts ?? [];
                candidates.AddRange(contacts.Where(c => plans.Exists(p => HasNumber(c, p) || NamesOf(p).Contains(c.Name?.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase))));
                if (contacts.Count == 0 || answer.Pagination is not { } paging || paging.Page >= paging.PageCount)
                {
                    return true;
                }

                if (paging.PageCount > plans.Count)
                {
                    return false;
                }
            }
        }
        catch (XeroFilterRefusedException)
        {
            api.State.ContactFiltersRefused = true;
            return false;
        }
    }

    /// <summary>
    /// ContactNumber is not an optimised filter: the PSA company id is found with searchTerm, which covers
    /// ContactNumber (and the "Name (PSA id)" names), a few pages per company.
    /// </summary>
    private async Task FindByNumbersAsync(List<XeroContactPlan> plans, List<XeroContactDto> candidates, CancellationToken cancellationToken)
    {
        foreach (var plan in plans)
        {
            if (await SearchAsync(plan.CompanyId, [plan], cancellationToken).ConfigureAwait(false) is { } found)
            {
                candidates.AddRange(found.Where(c => HasNumber(c, plan) || NamesOf(plan).Contains(c.Name?.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase)));
            }
        }
    }

    /// <summary>
    /// searchTerm (case-insensitive, over Name, FirstName, LastName, ContactNumber, EmailAddress), a few pages; null
    /// when Xero refused it too, with a warning on each plan it was for.
    /// </summary>
    private async Task<IReadOnlyList<XeroContactDto>?> SearchAsync(string term, IReadOnlyList<XeroContactPlan> forPlans, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetContactsAsync(null, null, term, MaxSearchPages, cancellationToken).ConfigureAwait(false);
        }
        catch (XeroFilterRefusedException ex)
        {
            foreach (var plan in forPlans)
            {
                plan.Warnings.Add($"Xero refused to search its contacts for '{term}' ({string.Join("; ", ex.VendorMessages)}).");
            }

            return null;
        }
    }

    private static IEnumerable<string> NamesOf(XeroContactPlan plan)
    {
        yield return plan.Name;
        var numbered = XeroContactNames.Disambiguate(plan.Name, plan.CompanyId);
        if (!string.Equals(numbered, plan.Name, StringComparison.OrdinalIgnoreCase))
        {
            yield return numbered;
        }
    }

    private static bool HasNumber(XeroContactDto contact, XeroContactPlan plan) =>
        string.Equals(contact.ContactNumber, plan.CompanyId, StringComparison.Ordinal);

    private static IEnumerable<string> WhereChunks(List<string> names)
    {
        var where = new StringBuilder();
        foreach (var name in names)
        {
            var clause = "Name==" + XeroContactNames.Quote(name);
            if (where.Length > 0 && where.Length + clause.Length + 2 > MaxWhereLength)
            {
                yield return where.ToString();
                where.Clear();
            }

            where.Append(where.Length > 0 ? "||" : string.Empty).Append(clause);
        }

        if (where.Length > 0)
        {
            yield return where.ToString();
        }
    }

    private static CustomerResolution ToResolution(XeroContactPlan plan, bool write)
    {
        if (plan.Found is { } contact)
        {
            var customer = new AccountingCustomer(contact.ContactID!, contact.Name ?? plan.Name, contact.ContactNumber)
            {
                IsArchived = IsArchived(contact) && !(write && plan.Reactivate),
            };
            return new CustomerResolution(plan.CompanyId, customer, plan.Match, plan.Warnings.Distinct().ToList(), plan.Error);
        }

        var warnings = plan.Warnings.Distinct().ToList();
        return new CustomerResolution(plan.CompanyId, null, CustomerMatchKind.None, warnings, write ? plan.Error ?? "The Xero contact could not be created." : plan.Error);
    }

    private static bool IsArchived(XeroContactDto contact) => string.Equals(contact.ContactStatus, "ARCHIVED", StringComparison.OrdinalIgnoreCase);

    private static bool Same(string? a, string? b) =>
        string.Equals(a?.Trim() ?? string.Empty, b?.Trim() ?? string.Empty, StringComparison.OrdinalIgnoreCase);

    private static bool SamePersons(IReadOnlyList<XeroContactPersonDto> wanted, IReadOnlyList<XeroContactPersonDto> current) =>
        wanted.Count == current.Count
        && wanted.Zip(current).All(p => Same(p.First.EmailAddress, p.Second.EmailAddress)
            && Same(p.First.FirstName, p.Second.FirstName)
            && Same(p.First.LastName, p.Second.LastName)
            && p.Second.IncludeInEmails != false);

    private static string Fingerprint(XeroContactDto body) =>
        System.Text.Json.JsonSerializer.Serialize(body, XeroJsonContext.Default.XeroContactDto);
}
