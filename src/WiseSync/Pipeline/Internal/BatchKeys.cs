using System.Security.Cryptography;
using System.Text;

namespace WiseSync.Pipeline.Internal;

/// <summary>The deterministic key of one chunk's PSA write: the same batch, kind and chunk always give the same key.</summary>
internal static class BatchKeys
{
    private const int HashLength = 8;

    /// <summary>
    /// The key of chunk <paramref name="chunk"/> of the batch; kinds are "p" (post), "m" (mark only), "r" (recovery).
    /// Longer than the PSA keeps, it is cut and ends with a hash of the whole key, so it stays deterministic and distinct.
    /// </summary>
    public static string For(string batchId, string kind, int chunk, PsaCapabilities capabilities)
    {
        var key = $"{batchId}-{kind}{chunk:D3}";
        if (capabilities.MaxBatchKeyLength is not { } max || key.Length <= max)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..Math.Min(HashLength, max)];
        var room = max - hash.Length;
        return room <= 1 ? hash : $"{key[..(room - 1)]}-{hash}";
    }
}
