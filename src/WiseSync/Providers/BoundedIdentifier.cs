using System.Security.Cryptography;
using System.Text;

namespace WiseSync.Providers;

/// <summary>
/// Fits an identifier into a vendor's length limit without losing its identity: the text unchanged when it fits,
/// otherwise its head, a dash and a short hex SHA-256 of the whole, so the same long text always becomes the same short
/// one and two long texts sharing a prefix stay apart (ConnectWise batch identifiers, QuickBooks DocNumbers).
/// </summary>
internal static class BoundedIdentifier
{
    /// <summary><paramref name="text"/> when it fits in <paramref name="maxLength"/>, else its head and a hash of it.</summary>
    public static string Fit(string text, int maxLength, int hashLength, bool lowerCaseHash) =>
        text.Length <= maxLength ? text : WithSuffix(text, Hash(text, hashLength, lowerCaseHash), maxLength);

    /// <summary>As much of <paramref name="text"/> as leaves room for a dash and <paramref name="suffix"/> within <paramref name="maxLength"/>.</summary>
    public static string WithSuffix(string text, string suffix, int maxLength)
    {
        var room = maxLength - suffix.Length - 1;
        var head = text.Length <= room ? text : text[..room];
        return $"{head}-{suffix}";
    }

    /// <summary>The first <paramref name="length"/> hex characters of the SHA-256 of <paramref name="value"/> (UTF-8).</summary>
    public static string Hash(string value, int length, bool lowerCase)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        return (lowerCase ? Convert.ToHexStringLower(hash) : Convert.ToHexString(hash))[..length];
    }
}
