namespace WiseSync.Xero.Api;

/// <summary>
/// Xero refused a GET filter as too costly for a large organisation (HighVolumeException, ErrorNumber 51); the
/// caller falls back to a lookup Xero documents as optimised.
/// </summary>
internal sealed class XeroFilterRefusedException(string route, IReadOnlyList<string> messages)
    : WiseSyncException($"Xero refused the filter of {route} for this large organisation: {string.Join("; ", messages)}")
{
    public IReadOnlyList<string> VendorMessages { get; } = messages;
}
