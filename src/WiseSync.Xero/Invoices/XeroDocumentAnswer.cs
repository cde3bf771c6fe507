using WiseSync.Xero.Api;

namespace WiseSync.Xero.Invoices;

/// <summary>
/// One invoice or credit note as Xero answered it, in the terms the writer needs. <see cref="Errors"/> is empty
/// only when the element's flags say it was saved under a real id (see <see cref="Api.XeroElementStatus"/>).
/// </summary>
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
    /// <summary>The document's contact (its ContactID).</summary>
    public string? ContactId { get; init; }

    /// <summary>The document's link to its source ("Go to [app]"): invoices only, credit notes have no Url field.</summary>
    public string? Url { get; init; }

    public bool HasAllocations => AmountPaid != 0m || AmountCredited != 0m;

    /// <summary>Saved in Xero: no failure flag and a real id.</summary>
    public bool Saved => Errors.Count == 0 && Api.XeroElementStatus.IsRealId(Id);
}
