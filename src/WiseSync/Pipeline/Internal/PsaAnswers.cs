namespace WiseSync.Pipeline.Internal;

/// <summary>A PSA write's answers by invoice: the first answer for each counts, and an invoice without one failed.</summary>
internal sealed class PsaAnswers
{
    private readonly Dictionary<string, string?> _errors = new(StringComparer.Ordinal);
    private readonly string _psaName;

    public PsaAnswers(IEnumerable<PsaWriteResult> results, string psaName)
    {
        _psaName = psaName;
        foreach (var result in results)
        {
            _errors.TryAdd(result.InvoiceId, result.Error);
        }
    }

    /// <summary>The PSA's reason the write failed for the invoice; null when it succeeded.</summary>
    public string? ErrorOf(string invoiceId) => _errors.TryGetValue(invoiceId, out var error) ? error : $"{_psaName} returned no result";
}
