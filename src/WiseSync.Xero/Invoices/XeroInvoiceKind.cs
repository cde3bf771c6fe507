using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Invoices;

/// <summary>Sales invoices (ACCREC) on /Invoices.</summary>
internal sealed class XeroInvoiceKind(XeroApi api, XeroDraftMapper mapper) : IXeroDocumentKind
{
    public DocumentKind Kind => DocumentKind.Invoice;

    public string Path => "/Invoices";

    public async Task<IReadOnlyList<XeroDocumentAnswer>> WriteAsync(bool createOnly, IReadOnlyList<AccountingInvoiceDraft> drafts, IReadOnlyList<string?> ids, string idempotencyKey, CancellationToken cancellationToken)
    {
        var bodies = drafts.Select((d, i) => mapper.Invoice(d, ids[i])).ToList();
        var answers = await api.WriteInvoicesAsync(createOnly, bodies, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return answers.Select(Answer).ToList();
    }

    public async Task<IReadOnlyList<XeroDocumentAnswer>> FindByNumbersAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var found = await api.GetInvoicesAsync(null, numbers, null, null, cancellationToken).ConfigureAwait(false);
        return found.Where(i => i.Type == "ACCREC").Select(Answer).ToList();
    }

    public async Task<IReadOnlyList<XeroDocumentAnswer>?> FindCreatedByThisAppAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var found = await api.GetInvoicesCreatedByThisAppAsync(numbers, cancellationToken).ConfigureAwait(false);
        return found.Where(i => i.Type == "ACCREC").Select(Answer).ToList();
    }

    public async Task<IReadOnlyList<XeroDocumentAnswer>> FindByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        (await api.GetInvoicesAsync(ids, null, null, null, cancellationToken).ConfigureAwait(false)).Select(Answer).ToList();

    public static XeroDocumentAnswer Answer(XeroInvoiceDto dto) => new(
        dto.InvoiceID,
        dto.InvoiceNumber,
        dto.Status ?? string.Empty,
        dto.AmountDue ?? 0m,
        dto.AmountPaid ?? 0m,
        dto.AmountCredited ?? 0m,
        dto.FullyPaidOnDate,
        XeroElementStatus.Failed(dto.HasErrors, dto.StatusAttributeString, dto.ValidationErrors) || !XeroElementStatus.IsRealId(dto.InvoiceID)
            ? XeroElementStatus.Reasons("invoice", dto.HasErrors, dto.StatusAttributeString, dto.InvoiceID, dto.ValidationErrors, dto.Warnings)
            : [],
        XeroElementStatus.Notes(dto.StatusAttributeString, dto.ValidationErrors, dto.Warnings))
    {
        ContactId = dto.Contact?.ContactID,
        Url = dto.Url,
    };
}
