namespace WiseSync.QuickBooks;

/// <summary>Which Intuit environment a connection talks to (sandbox and production use different app keys).</summary>
public enum QuickBooksEnvironment
{
    /// <summary>Intuit's developer sandbox: <c>https://sandbox-quickbooks.api.intuit.com</c>.</summary>
    Sandbox,

    /// <summary>Live companies: <c>https://quickbooks.api.intuit.com</c>.</summary>
    Production,
}
