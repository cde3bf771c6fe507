namespace WiseSync.Xero.Customers;

/// <summary>Names and field lengths of Xero contacts (schemas.Contact: Name, FirstName, LastName, EmailAddress ≤255; ContactNumber ≤50).</summary>
internal static class XeroContactNames
{
    public const int MaxName = 255;
    public const int MaxContactNumber = 50;

    public static string Cut(string text, int max = MaxName) => text.Length <= max ? text : text[..max];

    /// <summary>The name for a company whose name another contact already owns: "Name (PSA id)", within 255.</summary>
    public static string Disambiguate(string name, string companyId)
    {
        var suffix = $" ({companyId})";
        var room = Math.Max(MaxName - suffix.Length, 1);
        return Cut(name.Trim(), room) + suffix;
    }

    /// <summary>A where-clause string literal: quotes and backslashes escaped (reference §1.4 "escape quotes").</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
