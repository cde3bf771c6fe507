using WiseSync.Xero.Api;
using WiseSync.Xero.Customers;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Invoices;

/// <summary>Sales credit notes (ACCRECCREDIT) on /CreditNotes: a negative PSA invoice.</summary>
internal sealed class XeroCreditNoteKind(XeroApi api, XeroDraftMapper mapper) : XeroDocumentKind<XeroCreditNoteDto>(DocumentKind.CreditNote, "/CreditNotes")
{
    public override async Task<IReadOnlyList<XeroDocumentAnswer>> FindByNumbersAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        // getCreditNotes has no number list parameter: one where clause for the lot, or, when a large organisation
        // refuses the OR (HighVolumeException), one simple == per number; a number still refused is not found.
        var found = new List<XeroCreditNoteDto>();
        try
        {
            var where = string.Join("||", numbers.Select(n => "CreditNoteNumber==" + XeroContactNames.Quote(n)));
            found.AddRange(await api.GetCreditNotesAsync(null, where, cancellationToken).ConfigureAwait(false));
        }
        catch (XeroFilterRefusedException) when (numbers.Count > 1)
        {
            foreach (var number in numbers)
            {
                try
                {
                    found.AddRange(await api.GetCreditNotesAsync(null, "CreditNoteNumber==" + XeroContactNames.Quote(number), cancellationToken).ConfigureAwait(false));
                }
                catch (XeroFilterRefusedException)
                {
                    // Left unfound: the draft is red with Xero's "must be unique" text instead of stopping the run.
                }
            }
        }
        catch (XeroFilterRefusedException)
        {
            // One number, refused: not found, as above.
        }

        return found.Where(c => c.Type == "ACCRECCREDIT").Select(Answer).ToList();
    }

    /// <summary>
    /// Always null: getCreditNotes has no createdByMyApp parameter and the CreditNote schema no Url, so Xero keeps nothing
    /// that tells a credit note WiseSync wrote from one typed by hand (xero_accounting.yaml).
    /// </summary>
    public override Task<IReadOnlyList<XeroDocumentAnswer>?> FindCreatedByThisAppAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<XeroDocumentAnswer>?>(null);

    protected override XeroCreditNoteDto Map(AccountingInvoiceDraft draft, string? id) => mapper.CreditNote(draft, id);

    protected override Task<IReadOnlyList<XeroCreditNoteDto>> WriteDocumentsAsync(bool createOnly, IReadOnlyList<XeroCreditNoteDto> documents, string idempotencyKey, CancellationToken cancellationToken) =>
        api.WriteCreditNotesAsync(createOnly, documents, idempotencyKey, cancellationToken);

    protected override Task<IReadOnlyList<XeroCreditNoteDto>> GetByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        api.GetCreditNotesAsync(ids, null, cancellationToken);

    protected override XeroDocumentAnswer ToAnswer(XeroCreditNoteDto document) => Answer(document);

    private static XeroDocumentAnswer Answer(XeroCreditNoteDto dto)
    {
        var total = dto.Total ?? 0m;
        var remaining = dto.RemainingCredit ?? total;
        return Answer(dto, dto.CreditNoteID, dto.CreditNoteNumber, "credit note", remaining, total - remaining, 0m);
    }
}
