namespace WiseSync.Pay;

/// <summary>What a payer CSV import did.</summary>
/// <param name="ImportedPayerIds">The payers saved, in file order.</param>
/// <param name="Errors">The rows not imported, by row number.</param>
public sealed record PayerImportResult(IReadOnlyList<string> ImportedPayerIds, IReadOnlyList<PayerImportError> Errors)
{
    /// <summary>How many payers were saved.</summary>
    public int Imported => ImportedPayerIds.Count;
}
