namespace WiseSync.QuickBooks;

/// <summary>Points QuickBooks options at a WiseSync sandbox (moved out of the shipping QuickBooks package).</summary>
public static class QuickBooksOptionsSandboxExtensions
{
    /// <summary>Points the connection at a WiseSync sandbox: API, token endpoint and sandbox credentials.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="sandboxUrl">The sandbox's base URL, e.g. <c>http://127.0.0.1:5599</c>.</param>
    /// <param name="timeScale">The sandbox's time scale (GET /_sandbox/info).</param>
    /// <returns>The same options, for chaining.</returns>
    public static QuickBooksOptions UseSandbox(this QuickBooksOptions options, Uri sandboxUrl, double timeScale = 1d)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sandboxUrl);
        var root = sandboxUrl.AbsoluteUri.TrimEnd('/');
        options.BaseUrl = new Uri(root + "/quickbooks");
        options.TokenUrl = new Uri(root + "/quickbooks/oauth2/v1/tokens/bearer");
        options.ClientId = "sandbox-client";
        options.ClientSecret = "sandbox-secret";
        options.RefreshToken ??= "sandbox-refresh";
        options.RealmId = string.IsNullOrEmpty(options.RealmId) ? "9130000000000001" : options.RealmId;
        options.TimeScale = timeScale;
        return options;
    }
}
