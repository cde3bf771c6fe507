using System.Text.RegularExpressions;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>
/// The note WiseSync writes into a document's PrivateNote ("WiseSync: PSA invoice {id}", then the PSA number and link):
/// QBO documents have no external-id field, so this is how a document is proved to be the one written for a PSA invoice.
/// </summary>
internal static partial class DocumentMarker
{
    public static string Write(string psaInvoiceId) => "WiseSync: PSA invoice " + psaInvoiceId;

    /// <summary>The PSA invoice id the note names, or null when WiseSync did not write it.</summary>
    public static string? Read(string? privateNote)
    {
        if (string.IsNullOrEmpty(privateNote))
        {
            return null;
        }

        var match = MarkerPattern().Match(privateNote);
        return match.Success ? match.Groups["id"].Value : null;
    }

    public static bool Names(string? privateNote, string psaInvoiceId) =>
        string.Equals(Read(privateNote), psaInvoiceId, StringComparison.Ordinal);

    [GeneratedRegex(@"^WiseSync: PSA invoice (?<id>[^\s,]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkerPattern();
}
