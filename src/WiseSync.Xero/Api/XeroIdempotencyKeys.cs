using System.Security.Cryptography;
using System.Text;

namespace WiseSync.Xero.Api;

/// <summary>
/// Idempotency-Key values: one per logical write, the same on every retry and on a re-run of the same batch,
/// at most 128 characters (reference §1.6 Idempotency).
/// </summary>
internal static class XeroIdempotencyKeys
{
    /// <summary>A key from the route and the parts that identify the write (e.g. each draft's own key, i.e. invoice id + revision).</summary>
    public static string For(string route, IEnumerable<string> parts)
    {
        var text = new StringBuilder(route);
        foreach (var part in parts)
        {
            text.Append('\n').Append(part);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "wisesync-" + Convert.ToHexStringLower(hash);
    }
}
