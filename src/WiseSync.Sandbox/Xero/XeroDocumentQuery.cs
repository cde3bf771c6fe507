namespace WiseSync.Sandbox.Xero;

/// <summary>
/// The parameters of GET /Invoices and GET /CreditNotes (getInvoices / getCreditNotes). <see cref="CreatedByApp"/> is the
/// calling app when <c>createdByMyApp=true</c> was asked (a getInvoices parameter only: getCreditNotes has none).
/// </summary>
internal sealed record XeroDocumentQuery(
    IReadOnlyList<Guid>? Ids,
    IReadOnlyList<string>? Numbers,
    IReadOnlyList<Guid>? ContactIds,
    IReadOnlyList<string>? Statuses,
    string? Where,
    string? SearchTerm,
    int? Page,
    int? PageSize,
    DateTimeOffset? ModifiedSince,
    bool SummaryOnly,
    string? CreatedByApp = null);
