namespace WiseSync.Xero.Api;

/// <summary>The scopes a connection asks for (reference/accounting-apis.md §1.1).</summary>
internal static class XeroScopes
{
    public const string Classic = "accounting.transactions accounting.contacts accounting.settings.read";

    // Granular replacements of accounting.transactions: invoices (incl. credit notes) and payments (read for status).
    public const string Granular = "accounting.invoices accounting.payments.read accounting.contacts accounting.settings.read";

    public static string For(XeroOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Scopes))
        {
            return options.Scopes;
        }

        var scopes = options.ScopeSet == XeroScopeSet.Classic ? Classic : Granular;

        // offline_access yields a refresh token; a custom connection has none.
        return options.UseClientCredentials ? scopes : "offline_access " + scopes;
    }
}
