namespace WiseSync.QuickBooks.Customers;

/// <summary>Turns PSA company names into valid, queryable QBO DisplayNames.</summary>
internal static class DisplayNames
{
    /// <summary>The longest length every source agrees QBO accepts (100; reference Part 2.4 lists 100, 255 or 500).</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// Replaces ':' (the Parent:Child separator, not allowed) and typographic quotes (they break the query parser,
    /// reference Part 2.4), collapses whitespace and cuts to <see cref="MaxLength"/>.
    /// </summary>
    public static string Clean(string name)
    {
        var cleaned = name
            .Replace(':', '-')
            .Replace('\u2018', '\'').Replace('\u2019', '\'')
            .Replace('\u201C', '"').Replace('\u201D', '"');
        cleaned = string.Join(' ', cleaned.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length <= MaxLength ? cleaned : cleaned[..MaxLength].TrimEnd();
    }

    /// <summary>
    /// The name used when the clean one is taken by a vendor, an employee or another customer (error 6240):
    /// the PSA account number or id in brackets, so reruns find the same customer again.
    /// </summary>
    public static string Disambiguate(string cleanName, PsaCompanyRef company)
    {
        var suffix = " (" + (string.IsNullOrWhiteSpace(company.AccountNumber) ? company.Id : company.AccountNumber.Trim()) + ")";
        var room = MaxLength - suffix.Length;
        var head = cleanName.Length <= room ? cleanName : cleanName[..room].TrimEnd();
        return head + suffix;
    }
}
