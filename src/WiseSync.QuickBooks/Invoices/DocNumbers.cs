using WiseSync.Providers;

namespace WiseSync.QuickBooks.Invoices;

/// <summary>Fits PSA invoice numbers into QBO's DocNumber (max 21 characters, Finance.xsd / reference Part 2.5).</summary>
internal static class DocNumbers
{
    public const int MaxLength = 21;

    /// <summary>
    /// The number unchanged when it fits; otherwise its first 14 characters, a dash and 6 hex characters of its SHA-256,
    /// so the same long number always becomes the same short one and two long numbers sharing a prefix stay apart.
    /// </summary>
    public static string Fit(string number) => BoundedIdentifier.Fit(number.Trim(), MaxLength, hashLength: 6, lowerCaseHash: false);
}
