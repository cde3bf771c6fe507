using System.Globalization;
using NodaTime;
using WiseSync.Autotask.Dto;

namespace WiseSync.Autotask.Invoices;

/// <summary>Turns Autotask invoices, billing items and the run's reference data into <see cref="PsaInvoice"/>.</summary>
internal sealed class AutotaskInvoiceMapper(AutotaskOptions options, DateTimeZone zone)
{
    private static readonly char[] EmailSeparators = [';', ',', ' ', '\n', '\r', '\t'];

    public PsaInvoice Map(AtInvoice invoice, IReadOnlyList<AtBillingItem> items, AutotaskRunCache cache)
    {
        var company = invoice.CompanyID is { } companyId && cache.Companies.TryGetValue(companyId, out var found) ? found : null;
        var companyRef = new PsaCompanyRef(
            (invoice.CompanyID ?? 0).ToString(CultureInfo.InvariantCulture),
            company?.CompanyName ?? $"Company {invoice.CompanyID}",
            string.IsNullOrWhiteSpace(company?.CompanyNumber) ? null : company.CompanyNumber);

        var term = invoice.PaymentTerm is { } termId && cache.Terms.TryGetValue(termId, out var t) ? t : null;
        var lines = items
            .OrderBy(i => i.SortOrderID ?? long.MaxValue)
            .ThenBy(i => i.Id)
            .Select(i => MapLine(i, cache))
            .ToList();

        // Non-billable items are listed on the invoice but not charged.
        var billable = items.Where(i => i.NonBillable is null or 0).ToList();
        var subtotal = billable.Sum(i => i.ExtendedPrice ?? 0m);
        var tax = invoice.TotalTaxValue ?? billable.Sum(i => i.TaxDollars ?? 0m);
        var division = items
            .Select(i => i.OrganizationalLevelAssociationID is { } a && cache.Divisions.TryGetValue(a, out var name) ? name : null)
            .FirstOrDefault(n => n is not null);

        // Templates print the invoice id when the number is empty (reference/psa-apis.md §1.5).
        var number = string.IsNullOrWhiteSpace(invoice.InvoiceNumber) ? invoice.Id.ToString(CultureInfo.InvariantCulture) : invoice.InvoiceNumber.Trim();
        return new PsaInvoice(
            invoice.Id.ToString(CultureInfo.InvariantCulture),
            number,
            companyRef,
            LocalDateOf(invoice.InvoiceDateTime) ?? LocalDateOf(invoice.CreateDateTime) ?? default,
            LocalDateOf(invoice.DueDate),
            term is null ? null : new PaymentTermsRef(term.Id.ToString(CultureInfo.InvariantCulture), term.Name ?? $"Terms {term.Id}", term.PaymentDueInDays),
            options.Currency,
            lines,
            subtotal,
            tax,
            invoice.InvoiceTotal ?? subtotal + tax,
            Recipients(invoice.CompanyID, cache))
        {
            Division = division,
            PurchaseOrderNumber = string.IsNullOrWhiteSpace(invoice.OrderNumber) ? null : invoice.OrderNumber,
            SyncedMark = invoice.WebServiceDate is { } stamp ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(stamp.ToUniversalTime(), DateTimeKind.Utc)) : null,
            PaidDate = DateOnlyOf(invoice.PaidDate),
            IsVoided = invoice.IsVoided == true,
            TaxMode = tax == 0m ? TaxMode.NoTax : TaxMode.Exclusive,
        };
    }

    public static PsaContact MapContact(AtContact contact) => new(
        contact.Id.ToString(CultureInfo.InvariantCulture),
        (contact.CompanyID ?? 0).ToString(CultureInfo.InvariantCulture),
        contact.FirstName?.Trim() ?? string.Empty,
        contact.LastName?.Trim() ?? string.Empty,
        string.IsNullOrWhiteSpace(contact.EmailAddress) ? null : contact.EmailAddress.Trim(),
        contact.PrimaryContact == true,
        contact.IsActive == 1);

    private PsaInvoiceLine MapLine(AtBillingItem item, AutotaskRunCache cache)
    {
        var code = item.BillingCodeID is { } codeId && cache.BillingCodes.TryGetValue(codeId, out var c) ? c : null;
        var taxCategory = item.TaxCategoryID is { } taxId && cache.TaxCategories.TryGetValue(taxId, out var tc) ? tc : null;
        var description = !string.IsNullOrWhiteSpace(item.Description) ? item.Description.Trim() : item.ItemName?.Trim() ?? string.Empty;
        return new PsaInvoiceLine(description, item.Quantity ?? 0m, item.Rate ?? 0m, item.ExtendedPrice ?? 0m, item.TaxDollars ?? 0m)
        {
            ItemCode = !string.IsNullOrWhiteSpace(code?.ExternalNumber) ? code.ExternalNumber : code?.Name,
            GlCode = code?.GeneralLedgerAccount?.ToString(CultureInfo.InvariantCulture),
            TaxCode = taxCategory?.Name,
            Date = LocalDateOf(item.ItemDate),
            Billable = item.NonBillable is null or 0,
            Kind = item.ItemName,
        };
    }

    /// <summary>
    /// Recipients in the order Autotask keeps them (reference §1.7): the company's invoice settings when read (contact
    /// recipients, then the other addresses), else its billing contacts. Only active contacts' addresses and the ad-hoc
    /// ones; duplicates dropped. The primary contact is never put in as a stand-in: no recipient means the contact-email
    /// policy leaves the accounting persons as they are (DESIGN §5), and it keeps the primary as the primary anyway.
    /// </summary>
    private static IReadOnlyList<string> Recipients(int? companyId, AutotaskRunCache cache)
    {
        if (companyId is not { } id || !cache.ContactsByCompany.TryGetValue(id, out var contacts))
        {
            return [];
        }

        var active = contacts.Where(c => c.IsActive == 1 && !string.IsNullOrWhiteSpace(c.EmailAddress)).ToList();
        var result = new List<string>();
        if (cache.InvoiceSettings.TryGetValue(id, out var settings))
        {
            foreach (var contactId in settings.ContactRecipients ?? [])
            {
                if (active.FirstOrDefault(c => c.Id == contactId) is { } contact)
                {
                    Add(result, contact.EmailAddress!);
                }
            }

            foreach (var email in (settings.OtherEmails ?? string.Empty).Split(EmailSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (email.Contains('@', StringComparison.Ordinal))
                {
                    Add(result, email);
                }
            }
        }

        if (result.Count == 0)
        {
            foreach (var contact in active.Where(c => c.BillingContact == true).OrderBy(c => c.Id))
            {
                Add(result, contact.EmailAddress!);
            }
        }

        return result;
    }

    private static void Add(List<string> list, string email)
    {
        var trimmed = email.Trim();
        if (!list.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(trimmed);
        }
    }

    /// <summary>
    /// Date-only fields come back at midnight and are not time-zone converted (reference §1.3): their date is taken as
    /// is. A stamp with a time of day is UTC and is read in the database's time zone.
    /// </summary>
    private LocalDate? LocalDateOf(DateTime? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        var utc = v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v;
        if (utc.TimeOfDay == TimeSpan.Zero)
        {
            return LocalDate.FromDateTime(utc);
        }

        return Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).Date;
    }

    private static LocalDate? DateOnlyOf(DateTime? value) =>
        value is { } v ? LocalDate.FromDateTime(v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v) : null;
}
