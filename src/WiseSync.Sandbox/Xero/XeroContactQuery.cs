namespace WiseSync.Sandbox.Xero;

/// <summary>The parameters of GET /Contacts (xero_accounting.yaml getContacts).</summary>
internal sealed record XeroContactQuery(
    IReadOnlyList<Guid>? Ids,
    string? Where,
    string? SearchTerm,
    int? Page,
    int? PageSize,
    bool IncludeArchived,
    bool SummaryOnly);
