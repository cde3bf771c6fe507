namespace WiseSync.QuickBooks;

/// <summary>
/// Which Intuit environment a connection talks to (sandbox and production use different app keys). Production is the
/// default, also as <c>default(QuickBooksEnvironment)</c>: a connection never lands in the developer sandbox unless told to.
/// </summary>
public enum QuickBooksEnvironment
{
    /// <summary>Live companies: <c>https://quickbooks.api.intuit.com</c>.</summary>
    Production,

    /// <summary>Intuit's developer sandbox: <c>https://sandbox-quickbooks.api.intuit.com</c>.</summary>
    Sandbox,
}
