namespace WiseSync.Sandbox.Xero;

/// <summary>A line of an invoice or credit note (schemas.LineItem).</summary>
internal sealed record XeroLineItemRecord(
    Guid LineItemID,
    string? Description,
    decimal? Quantity,
    decimal? UnitAmount,
    string? ItemCode,
    string? AccountCode,
    string? TaxType,
    decimal TaxAmount,
    decimal LineAmount,
    IReadOnlyList<(string Name, string Option)> Tracking);
