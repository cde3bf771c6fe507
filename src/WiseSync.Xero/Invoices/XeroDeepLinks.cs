namespace WiseSync.Xero.Invoices;

/// <summary>go.xero.com links, in the format Xero's own MCP server uses (reference §1.8).</summary>
internal static class XeroDeepLinks
{
    public static Uri? Invoice(string? shortCode, string invoiceId) =>
        string.IsNullOrEmpty(shortCode) ? null : new Uri($"https://go.xero.com/app/{Uri.EscapeDataString(shortCode)}/invoicing/view/{Uri.EscapeDataString(invoiceId)}");
}
