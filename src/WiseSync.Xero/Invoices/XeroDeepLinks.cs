namespace WiseSync.Xero.Invoices;

/// <summary>go.xero.com links, in the format Xero's own MCP server uses (reference §1.8).</summary>
internal static class XeroDeepLinks
{
    // Short codes start with "!" (recorded /Organisation answers: "!1lqVQ"); "!" is legal in a path and is kept as
    // is, as Xero writes it, rather than percent-encoded.
    public static Uri? Invoice(string? shortCode, string invoiceId) =>
        string.IsNullOrEmpty(shortCode) ? null : new Uri($"https://go.xero.com/app/{Segment(shortCode)}/invoicing/view/{Segment(invoiceId)}");

    private static string Segment(string text) => Uri.EscapeDataString(text).Replace("%21", "!", StringComparison.Ordinal);
}
