namespace WiseSync.Xero.Invoices;

/// <summary>What differs between writing invoices (/Invoices) and credit notes (/CreditNotes).</summary>
internal interface IXeroDocumentKind
{
    DocumentKind Kind { get; }

    /// <summary>The route prefix for idempotency keys ("/Invoices").</summary>
    string Path { get; }

    Task<IReadOnlyList<XeroDocumentAnswer>> WriteAsync(bool createOnly, IReadOnlyList<AccountingInvoiceDraft> drafts, IReadOnlyList<string?> ids, string idempotencyKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<XeroDocumentAnswer>> FindByNumbersAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken);

    /// <summary>
    /// The documents with these numbers that this app created, as Xero itself records the creating app; null when Xero
    /// offers no such record for this kind, so nothing found by number can be proven to be WiseSync's.
    /// </summary>
    Task<IReadOnlyList<XeroDocumentAnswer>?> FindCreatedByThisAppAsync(IReadOnlyList<string> numbers, CancellationToken cancellationToken);

    Task<IReadOnlyList<XeroDocumentAnswer>> FindByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);
}
