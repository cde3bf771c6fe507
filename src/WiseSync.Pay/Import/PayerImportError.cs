namespace WiseSync.Pay;

/// <summary>A CSV row that was not imported.</summary>
/// <param name="Row">The row number in the file; the header is row 1.</param>
/// <param name="Reason">Why, in a sentence (never repeating a refused card or account number).</param>
public sealed record PayerImportError(int Row, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"row {Row}: {Reason}";
}
