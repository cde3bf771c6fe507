using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Invoices;

/// <summary>Turns engine drafts into Xero invoices and credit notes (schemas.Invoice, CreditNote, LineItem).</summary>
internal sealed class XeroDraftMapper(XeroOptions options)
{
    public XeroInvoiceDto Invoice(AccountingInvoiceDraft draft, string? invoiceId) => Document(draft, invoiceId, new XeroInvoiceDto
    {
        Type = "ACCREC",
        InvoiceID = invoiceId,
        InvoiceNumber = NullIfEmpty(draft.Number),

        // Shown as "Go to [app]" in Xero: the way back to the PSA invoice (reference §1.6 Key fields).
        Url = SourceLink(draft),
    });

    public XeroCreditNoteDto CreditNote(AccountingInvoiceDraft draft, string? creditNoteId) => Document(draft, creditNoteId, new XeroCreditNoteDto
    {
        Type = "ACCRECCREDIT",
        CreditNoteID = creditNoteId,
        CreditNoteNumber = NullIfEmpty(draft.Number),
    });

    /// <summary>The Url an invoice carries: the PSA invoice's link when the PSA gives one. Part of the proof that an invoice is WiseSync's.</summary>
    public static string? SourceLink(AccountingInvoiceDraft draft) => draft.SourceUrl is { IsAbsoluteUri: true } url ? url.AbsoluteUri : null;

    /// <summary>Fills the fields invoices and credit notes share; <paramref name="id"/> is null for a new document.</summary>
    private T Document<T>(AccountingInvoiceDraft draft, string? id, T document)
        where T : XeroDocumentDto => (T)((XeroDocumentDto)document with
        {
            Contact = new XeroContactDto { ContactID = draft.CustomerId },
            Date = XeroDateFormat.Format(draft.Date),
            DueDate = draft.DueDate is { } due ? XeroDateFormat.Format(due) : null,
            LineAmountTypes = AmountTypes(draft.TaxMode),
            Reference = NullIfEmpty(draft.Reference),
            CurrencyCode = NullIfEmpty(draft.Currency)?.ToUpperInvariant(),
            Status = Status(id is not null),
            LineItems = Lines(draft),
        });

    // AUTHORISED documents are updated with Status AUTHORISED again (Xero-Net#339); a draft setting leaves an update's status alone.
    private string? Status(bool update) => options.InvoiceStatus switch
    {
        XeroInvoiceStatus.Authorised => "AUTHORISED",
        _ => update ? null : "DRAFT",
    };

    private static string AmountTypes(TaxMode mode) => mode switch
    {
        TaxMode.Inclusive => "Inclusive",
        TaxMode.NoTax => "NoTax",
        _ => "Exclusive",
    };

    private List<XeroLineItemDto> Lines(AccountingInvoiceDraft draft) =>
        draft.Lines.Select(line => Line(draft, line)).ToList();

    private XeroLineItemDto Line(AccountingInvoiceDraft draft, AccountingLine line)
    {
        // Xero derives the missing one of Quantity / UnitAmount from LineAmount; sending all three risks a mismatch
        // after rounding, so the PSA's amount wins when quantity × price does not give it (reference §1.6 Key fields).
        var quantity = line.Quantity;
        decimal? unit = Math.Round(line.UnitPrice, 4, MidpointRounding.AwayFromZero);
        decimal? amount = null;
        if (quantity == 0m)
        {
            (quantity, unit) = (1m, line.Amount);
        }
        else if (Math.Round(quantity * unit.Value, 2, MidpointRounding.AwayFromZero) != line.Amount)
        {
            (unit, amount) = (null, line.Amount);
        }

        var trackingOption = line.Tracking ?? draft.Division;
        return new XeroLineItemDto
        {
            // "Description needs to be at least 1 char long" (schemas.LineItem).
            Description = string.IsNullOrWhiteSpace(line.Description) ? "-" : line.Description,
            Quantity = quantity,
            UnitAmount = unit,
            LineAmount = amount,
            ItemCode = NullIfEmpty(line.ItemCode),
            AccountCode = NullIfEmpty(line.AccountCode) ?? NullIfEmpty(options.DefaultAccountCode),
            TaxType = NullIfEmpty(line.TaxCode) ?? NullIfEmpty(options.DefaultTaxType),

            // The PSA computed the tax; Xero's own calculation may be overridden with it (schemas.LineItem.TaxAmount).
            TaxAmount = draft.TaxMode == TaxMode.NoTax ? null : line.TaxAmount,
            Tracking = options.DivisionTrackingCategory is { Length: > 0 } category && !string.IsNullOrWhiteSpace(trackingOption)
                ? [new XeroTrackingDto { Name = category, Option = trackingOption }]
                : null,
        };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
