namespace WiseSync.Policies;

/// <summary>The mapped lines of one invoice, or why it cannot be posted.</summary>
/// <param name="Lines">Accounting lines (positive amounts for a credit note).</param>
/// <param name="Total">The draft total (positive for a credit note).</param>
/// <param name="TaxTotal">The draft tax total.</param>
/// <param name="Warnings">What was changed and why.</param>
/// <param name="Error">Why the invoice cannot be posted, when it cannot.</param>
internal sealed record LineMappingResult(
    IReadOnlyList<AccountingLine> Lines,
    decimal Total,
    decimal TaxTotal,
    IReadOnlyList<string> Warnings,
    string? Error = null);
