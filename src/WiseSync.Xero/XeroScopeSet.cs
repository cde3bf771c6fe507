namespace WiseSync.Xero;

/// <summary>Which of Xero's scope sets the app uses (reference/accounting-apis.md §1.1).</summary>
public enum XeroScopeSet
{
    /// <summary>Granular scopes (<c>accounting.invoices</c>, <c>accounting.payments</c>, ...): required for apps created on or after 2 March 2026.</summary>
    Granular,

    /// <summary>Classic scopes (<c>accounting.transactions</c>): older apps until they migrate (by September 2027).</summary>
    Classic,
}
