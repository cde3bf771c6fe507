using System.Text.RegularExpressions;

namespace WiseSync.QuickBooks.Customers;

/// <summary>
/// The PSA company a QBO customer was created for. QBO customers have no external-id field (reference Part 2.4), so
/// the resolver writes "PSA company {id}" into Notes on create and reads it back to tell its own customers from
/// same-name customers of other companies.
/// </summary>
internal static partial class CompanyMarker
{
    private const string Prefix = "PSA company ";

    public static string Write(string companyId) => Prefix + companyId;

    /// <summary>The PSA company id the notes name, or null when they carry no marker.</summary>
    public static string? Read(string? notes)
    {
        if (string.IsNullOrEmpty(notes))
        {
            return null;
        }

        var match = MarkerPattern().Match(notes);
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"(?:^|\n)PSA company (?<id>\S+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkerPattern();
}
