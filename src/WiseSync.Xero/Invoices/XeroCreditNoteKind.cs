using WiseSync.Xero.Api;
using WiseSync.Xero.Customers;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Invoices;

/// <summary>Sales credit notes (ACCRECCREDIT) on /CreditNotes: a negative PSA invoice.</summary>
internal sealed class XeroCreditNoteKind(XeroApi api, XeroDraftMapper mapper) : IXeroDocumentKind
{
    public DocumentKind Kind => DocumentKind.CreditNote;

    public string Path => "/CreditNotes";

    public async Task<IReadOnlyList<XeroDocumentAnswer>> WriteAsync(bool createOnly, IReadOnlyList<AccountingInvoiceDraft> drafts, IReadOnlyList<string?> ids, string idempotencyKey, CancellationToken cancellationToken)
    {
        var bodies = drafts.Select((d, i) => mapper.CreditNote(d, ids[i])).ToList();
        var answers = await api.WriteCreditNotesAsync(createOnly, bodies, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return answers.Select(Answer).ToList();
    }

    public async Task<IReadOnlyList<XeroDocumentAnswer>> FindByNumbersAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken)
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
    public Task<IReadOnlyList<XeroDocumentAnswer>?> FindCreatedByThisAppAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<XeroDocumentAnswer>?>(null);

    public async Task<IReadOnlyList<XeroDocumentAnswer>> FindByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        (await api.GetCreditNotesAsync(ids, null, cancellationToken).ConfigureAwait(false)).Select(Answer).ToList();

    private static XeroDocumentAnswer Answer(XeroCreditNoteDto dto)
    {
        var total = dto.Total ?? 0m;
        var remaining = dto.RemainingCredit ?? total;
        return new XeroDocumentAnswer(
            dto.CreditNoteID,
            dto.CreditNoteNumber,
            dto.Status ?? string.Empty,
            remaining,
            total - remaining,
            0m,
            dto.FullyPaidOnDate,
            XeroElementStatus.Failed(dto.HasErrors, dto.StatusAttributeString, dto.ValidationErrors) || !XeroElementStatus.IsRealId(dto.CreditNoteID)
                ? XeroElementStatus.Reasons("credit note", dto.HasErrors, dto.StatusAttributeString, dto.CreditNoteID, dto.ValidationErrors, dto.Warnings)
                : [],
            XeroElementStatus.Notes(dto.StatusAttributeString, dto.ValidationErrors, dto.Warnings))
        {
            ContactId = dto.Contact?.ContactID,
        };
    }
}
