namespace WiseSync.QuickBooks.Customers;

/// <summary>
/// QBO has one email field of 100 characters (PrimaryEmailAddr / BillEmail, reference Part 2.4); several addresses
/// go comma separated. Keeps whole addresses in order while they fit and reports the ones dropped.
/// </summary>
internal static class EmailField
{
    public const int MaxLength = 100;

    public static (string? Value, IReadOnlyList<string> Dropped) Fit(string? addresses, int maxLength = MaxLength)
    {
        if (string.IsNullOrWhiteSpace(addresses))
        {
            return (null, []);
        }

        var kept = new List<string>();
        var dropped = new List<string>();
        var length = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in addresses.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!seen.Add(raw))
            {
                continue;
            }

            var added = kept.Count == 0 ? raw.Length : raw.Length + 1;
            if (length + added <= maxLength)
            {
                kept.Add(raw);
                length += added;
            }
            else
            {
                dropped.Add(raw);
            }
        }

        return (kept.Count == 0 ? null : string.Join(",", kept), dropped);
    }

    /// <summary>One text for an address left out of the customer's field and of the invoice's, so an invoice shows it once.</summary>
    public static string DroppedWarning(IEnumerable<string> dropped) =>
        $"QuickBooks keeps one email field of {MaxLength} characters; not added: {string.Join(", ", dropped)}.";
}
