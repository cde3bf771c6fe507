namespace WiseSync.Xero.Invoices;

/// <summary>One invoice or credit note as Xero answered it, in the terms the writer needs.</summary>
internal sealed record XeroDocumentAnswer(
    string? Id,
    string? Number,
    string Status,
    decimal AmountDue,
    decimal AmountPaid,
    decimal AmountCredited,
    string? FullyPaidOnDate,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool HasAllocations => AmountPaid != 0m || AmountCredited != 0m;
}
