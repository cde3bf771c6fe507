using WiseSync.Autotask.Api;
using WiseSync.Autotask.Dto;

namespace WiseSync.Autotask.Invoices;

/// <summary>
/// The reference data one listing needs — companies, their contacts and invoice settings, payment terms, billing
/// codes, tax categories and lines of business — fetched in bulk (<c>id in [...]</c>) the first time a page refers to
/// them and kept for the rest of the run. Its size follows the number of companies and codes, not of invoices.
/// </summary>
internal sealed class AutotaskRunCache(AutotaskApiClient api, AutotaskRecipientSource recipients)
{
    public Dictionary<long, AtCompany> Companies { get; } = [];

    public Dictionary<long, List<AtContact>> ContactsByCompany { get; } = [];

    public Dictionary<long, AtInvoiceSettings> InvoiceSettings { get; } = [];

    public Dictionary<long, AtPaymentTerm> Terms { get; } = [];

    public Dictionary<long, AtBillingCode> BillingCodes { get; } = [];

    public Dictionary<long, AtTaxCategory> TaxCategories { get; } = [];

    /// <summary>Line-of-business name per organizational level association id.</summary>
    public Dictionary<long, string?> Divisions { get; } = [];

    public async Task LoadAsync(IReadOnlyCollection<AtInvoice> invoices, IReadOnlyCollection<AtBillingItem> lines, CancellationToken cancellationToken)
    {
        var companyIds = Missing(invoices.Select(i => (long?)i.CompanyID), Companies.Keys);
        await foreach (var company in api.QueryInAsync("Companies", "id", companyIds, AutotaskJsonContext.Default.AtPageAtCompany, cancellationToken).ConfigureAwait(false))
        {
            Companies[company.Id] = company;
        }

        await LoadContactsAsync(companyIds, cancellationToken).ConfigureAwait(false);

        if (recipients == AutotaskRecipientSource.InvoiceSettings)
        {
            foreach (var companyId in companyIds)
            {
                InvoiceSettings[companyId] = await api.GetAsync("Companies", $"Companies/{companyId}/invoiceSettings", AutotaskJsonContext.Default.AtInvoiceSettings, cancellationToken).ConfigureAwait(false)
                    ?? new AtInvoiceSettings();
            }
        }

        var termIds = Missing(invoices.Select(i => (long?)i.PaymentTerm), Terms.Keys);
        await foreach (var term in api.QueryInAsync("PaymentTerms", "id", termIds, AutotaskJsonContext.Default.AtPageAtPaymentTerm, cancellationToken).ConfigureAwait(false))
        {
            Terms[term.Id] = term;
        }

        var codeIds = Missing(lines.Select(l => (long?)l.BillingCodeID), BillingCodes.Keys);
        await foreach (var code in api.QueryInAsync("BillingCodes", "id", codeIds, AutotaskJsonContext.Default.AtPageAtBillingCode, cancellationToken).ConfigureAwait(false))
        {
            BillingCodes[code.Id] = code;
        }

        var taxIds = Missing(lines.Select(l => (long?)l.TaxCategoryID), TaxCategories.Keys);
        await foreach (var tax in api.QueryInAsync("TaxCategories", "id", taxIds, AutotaskJsonContext.Default.AtPageAtTaxCategory, cancellationToken).ConfigureAwait(false))
        {
            TaxCategories[tax.Id] = tax;
        }

        await LoadDivisionsAsync(Missing(lines.Select(l => (long?)l.OrganizationalLevelAssociationID), Divisions.Keys), cancellationToken).ConfigureAwait(false);
    }

    public async Task LoadContactsAsync(IReadOnlyCollection<long> companyIds, CancellationToken cancellationToken)
    {
        foreach (var id in companyIds)
        {
            ContactsByCompany.TryAdd(id, []);
        }

        await foreach (var contact in api.QueryInAsync("Contacts", "companyID", companyIds, AutotaskJsonContext.Default.AtPageAtContact, cancellationToken).ConfigureAwait(false))
        {
            if (contact.CompanyID is { } companyId && ContactsByCompany.TryGetValue(companyId, out var list))
            {
                list.Add(contact);
            }
        }
    }

    /// <summary>Invoices carry no line of business; it comes from the lines' organizational level association (reference §1.8).</summary>
    private async Task LoadDivisionsAsync(IReadOnlyCollection<long> associationIds, CancellationToken cancellationToken)
    {
        if (associationIds.Count == 0)
        {
            return;
        }

        var associations = new List<AtOrganizationalLevelAssociation>();
        await foreach (var association in api.QueryInAsync("OrganizationalLevelAssociations", "id", associationIds, AutotaskJsonContext.Default.AtPageAtOrganizationalLevelAssociation, cancellationToken).ConfigureAwait(false))
        {
            associations.Add(association);
        }

        var level1 = new Dictionary<long, string?>();
        await foreach (var level in api.QueryInAsync("OrganizationalLevel1s", "id", associations.Where(a => a.OrganizationalLevel1ID is not null).Select(a => (long)a.OrganizationalLevel1ID!.Value), AutotaskJsonContext.Default.AtPageAtOrganizationalLevel, cancellationToken).ConfigureAwait(false))
        {
            level1[level.Id] = level.Name;
        }

        var level2 = new Dictionary<long, string?>();
        await foreach (var level in api.QueryInAsync("OrganizationalLevel2s", "id", associations.Where(a => a.OrganizationalLevel2ID is not null).Select(a => (long)a.OrganizationalLevel2ID!.Value), AutotaskJsonContext.Default.AtPageAtOrganizationalLevel, cancellationToken).ConfigureAwait(false))
        {
            level2[level.Id] = level.Name;
        }

        foreach (var id in associationIds)
        {
            Divisions[id] = null;
        }

        foreach (var association in associations)
        {
            // Level 2 is the line of business; level 1 (e.g. the branch) names it when level 2 is absent.
            var name = association.OrganizationalLevel2ID is { } l2 && level2.TryGetValue(l2, out var n2) ? n2
                : association.OrganizationalLevel1ID is { } l1 && level1.TryGetValue(l1, out var n1) ? n1
                : null;
            Divisions[association.Id] = name;
        }
    }

    private static List<long> Missing(IEnumerable<long?> ids, IEnumerable<long> known)
    {
        var have = known as ICollection<long> ?? known.ToList();
        return ids.OfType<long>().Distinct().Where(id => !have.Contains(id)).Order().ToList();
    }
}
