using System.Security.Cryptography;
using System.Text;

namespace WiseSync.ConnectWise.Invoices;

/// <summary>
/// Deterministic accounting-batch identifiers (at most 50 characters, ExportAccountingBatchRequest/CreateAccountingBatchRequest).
/// Identifiers are never reused (reference/psa-apis.md §2.4, Gozynta), so variants carry a hash of what they hold.
/// </summary>
internal static class BatchIdentifiers
{
    public const int MaxLength = 50;

    /// <summary>The identifier of a sync chunk: the engine's batch key, shortened with a hash when it is too long.</summary>
    public static string ForKey(string batchKey)
    {
        var key = batchKey.Trim();
        return key.Length <= MaxLength ? key : Shorten(key, Hash(key));
    }

    /// <summary>A distinct identifier for a retry of <paramref name="identifier"/> holding these invoices.</summary>
    public static string Variant(string identifier, string marker, IEnumerable<int> invoiceIds) =>
        Shorten(identifier, marker + Hash(string.Join(',', invoiceIds.Order())));

    private static string Shorten(string identifier, string suffix)
    {
        var room = MaxLength - suffix.Length - 1;
        var head = identifier.Length <= room ? identifier : identifier[..room];
        return $"{head}-{suffix}";
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
}
