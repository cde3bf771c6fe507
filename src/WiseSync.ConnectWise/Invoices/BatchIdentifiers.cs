using WiseSync.Providers;

namespace WiseSync.ConnectWise.Invoices;

/// <summary>
/// Deterministic accounting-batch identifiers (at most 50 characters, ExportAccountingBatchRequest/CreateAccountingBatchRequest).
/// Identifiers are never reused (reference/psa-apis.md §2.4, Gozynta), so variants carry a hash of what they hold.
/// </summary>
internal static class BatchIdentifiers
{
    public const int MaxLength = 50;
    private const int HashLength = 8;

    /// <summary>The identifier of a sync chunk: the engine's batch key, shortened with a hash when it is too long.</summary>
    public static string ForKey(string batchKey) => BoundedIdentifier.Fit(batchKey.Trim(), MaxLength, HashLength, lowerCaseHash: true);

    /// <summary>A distinct identifier for a retry of <paramref name="identifier"/> holding these invoices.</summary>
    public static string Variant(string identifier, string marker, IEnumerable<int> invoiceIds) =>
        BoundedIdentifier.WithSuffix(identifier, marker + BoundedIdentifier.Hash(string.Join(',', invoiceIds.Order()), HashLength, lowerCase: true), MaxLength);
}
