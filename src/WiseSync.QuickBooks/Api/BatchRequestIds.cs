using System.Security.Cryptography;
using System.Text;

namespace WiseSync.QuickBooks.Api;

/// <summary>
/// Derives QBO <c>requestid</c>s: the same logical write always gets the same id, so QBO answers a replay with the
/// original response instead of writing again (reference Part 2.2: ≤ 50 characters, ≤ 36 for /batch).
/// </summary>
internal static class BatchRequestIds
{
    public const int MaxBatchLength = 36;

    /// <summary>
    /// A 36-character id from the purpose, the idempotency keys and the request body. The body is included so a
    /// corrected payload (e.g. after a configuration fix) is a new write rather than a replay of an old failure.
    /// </summary>
    public static string For(string purpose, IEnumerable<string> keys, string body)
    {
        var text = new StringBuilder(purpose).Append('\n');
        foreach (var key in keys)
        {
            text.Append(key).Append('\n');
        }

        text.Append(body);
        return "ws" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..(MaxBatchLength - 2)];
    }
}
