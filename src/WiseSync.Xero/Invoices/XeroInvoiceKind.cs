using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Invoices;

/// <summary>Sales invoices (ACCREC) on /Invoices.</summary>
internal sealed class XeroInvoiceKind(XeroApi api, XeroDraftMapper mapper) : XeroDocumentKind<XeroInvoiceDto>(DocumentKind.Invoice, "/Invoices")
{
    public override async Task<IReadOnlyList<XeroDocumentAnswer>> FindByNumbersAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var found = await api.GetInvoicesAsync(null, numbers, null, null, cancellationToken).ConfigureAwait(false);
        return found.Where(i => i.Type == "ACCREC").Select(Answer).ToList();
    }

    public override async Task<IReadOnlyList<XeroDocumentAnswer>?> FindCreatedByThisAppAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var found = await api.GetInvoicesCreatedByThisAppAsync(numbers, cancellationToken).ConfigureAwait(false);
        return found.Where(i => i.Type == "ACCREC").Select(Answer).ToList();
    }

    public static XeroDocumentAnswer Answer(XeroInvoiceDto dto) =>
        Answer(dto, dto.InvoiceID, dto.InvoiceNumber, "invoice", dto.AmountDue ?? 0m, dto.AmountPaid ?? 0m, dto.AmountCredited ?? 0m) with { Url = dto.Url };

    protected override XeroInvoiceDto Map(AccountingInvoiceDraft draft, string? id) => mapper.Invoice(draft, id);

    protected override Task<IReadOnlyList<XeroInvoiceDto>> WriteDocumentsAsync(bool createOnly, IReadOnlyList<XeroInvoiceDto> documents, string idempotencyKey, CancellationToken cancellationToken) =>
        api.WriteInvoicesAsync(createOnly, documents, idempotencyKey, cancellationToken);

    protected override Task<IReadOnlyList<XeroInvoiceDto>> GetByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        api.GetInvoicesAsync(ids, null, null, null, cancellationToken);

    protected override XeroDocumentAnswer ToAnswer(XeroInvoiceDto document) => Answer(document);
}
