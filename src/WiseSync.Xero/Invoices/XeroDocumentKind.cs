using WiseSync.Xero.Api;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Invoices;

/// <summary>
/// What writing invoices and credit notes have in common: map the drafts, write them in one call, read the answers back.
/// A kind says only how its documents are mapped, written, fetched and read.
/// </summary>
/// <typeparam name="TDocument">The vendor record of the kind (<see cref="XeroInvoiceDto"/> or <see cref="XeroCreditNoteDto"/>).</typeparam>
/// <param name="kind">What the kind writes.</param>
/// <param name="path">Its route ("/Invoices"), also the prefix of its idempotency keys.</param>
internal abstract class XeroDocumentKind<TDocument>(DocumentKind kind, string path) : IXeroDocumentKind
    where TDocument : XeroDocumentDto
{
    public DocumentKind Kind => kind;

    public string Path => path;

    public async Task<IReadOnlyList<XeroDocumentAnswer>> WriteAsync(bool createOnly, IReadOnlyList<AccountingInvoiceDraft> drafts, IReadOnlyList<string?> ids, string idempotencyKey, CancellationToken cancellationToken)
    {
        var bodies = drafts.Select((d, i) => Map(d, ids[i])).ToList();
        var answers = await WriteDocumentsAsync(createOnly, bodies, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return answers.Select(ToAnswer).ToList();
    }

    public abstract Task<IReadOnlyList<XeroDocumentAnswer>> FindByNumbersAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<XeroDocumentAnswer>?> FindCreatedByThisAppAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken);

    public async Task<IReadOnlyList<XeroDocumentAnswer>> FindByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        (await GetByIdsAsync(ids, cancellationToken).ConfigureAwait(false)).Select(ToAnswer).ToList();

    /// <summary>The draft as this kind's vendor record, under the id it already has in Xero (null for a new one).</summary>
    protected abstract TDocument Map(AccountingInvoiceDraft draft, string? id);

    protected abstract Task<IReadOnlyList<TDocument>> WriteDocumentsAsync(bool createOnly, IReadOnlyList<TDocument> documents, string idempotencyKey, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<TDocument>> GetByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    protected abstract XeroDocumentAnswer ToAnswer(TDocument document);

    /// <summary>
    /// The answer for one document, <paramref name="noun"/> naming its kind in the error text ("invoice", "credit note"):
    /// errors only when its flags say it failed or it has no real id.
    /// </summary>
    protected static XeroDocumentAnswer Answer(TDocument dto, string? id, string? number, string noun, decimal amountDue, decimal amountPaid, decimal amountCredited) => new(
        id,
        number,
        dto.Status ?? string.Empty,
        amountDue,
        amountPaid,
        amountCredited,
        dto.FullyPaidOnDate,
        XeroElementStatus.Failed(dto.HasErrors, dto.StatusAttributeString, dto.ValidationErrors) || !XeroElementStatus.IsRealId(id)
            ? XeroElementStatus.Reasons(noun, dto.HasErrors, dto.StatusAttributeString, id, dto.ValidationErrors, dto.Warnings)
            : [],
        XeroElementStatus.Notes(dto.StatusAttributeString, dto.ValidationErrors, dto.Warnings))
    {
        ContactId = dto.Contact?.ContactID,
    };
}
