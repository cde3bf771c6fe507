using WiseSync;
using WiseSync.Autotask;
using WiseSync.ConnectWise;
using WiseSync.QuickBooks;
using WiseSync.Sandbox;
using WiseSync.Xero;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Points a WiseSync connection at a WiseSync sandbox instead of the real vendor APIs.</summary>
public static class SandboxWiseSyncBuilderExtensions
{
    /// <summary>
    /// Points all four vendors of the connection (Autotask, ConnectWise, Xero, QuickBooks Online) at a sandbox running in this
    /// process: its base URLs, its credentials and its time scale. Add the providers as usual (<c>AddXero()</c>, ...); this only
    /// sets their options, so a provider the connection does not add is left alone.
    /// </summary>
    /// <param name="builder">The connection's builder.</param>
    /// <param name="sandbox">The running sandbox.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IWiseSyncBuilder UseSandbox(this IWiseSyncBuilder builder, SandboxServer sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        return builder.UseSandbox(sandbox.BaseUrl, sandbox.Credentials, sandbox.Options.TimeScale);
    }

    /// <summary>
    /// Points all four vendors of the connection at a sandbox, running here or elsewhere (its credentials and time scale are
    /// in its <c>GET /_sandbox/info</c> document).
    /// </summary>
    /// <param name="builder">The connection's builder.</param>
    /// <param name="baseUrl">The sandbox's base URL, ending in <c>/</c>, e.g. <c>http://127.0.0.1:5599/</c>.</param>
    /// <param name="credentials">The credentials the sandbox accepts.</param>
    /// <param name="timeScale">How much faster the sandbox's vendor clocks run; the providers divide their rate-limit windows by it.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IWiseSyncBuilder UseSandbox(this IWiseSyncBuilder builder, Uri baseUrl, SandboxCredentials credentials, double timeScale = 1d)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeScale);
        builder.Services.Configure<AutotaskOptions>(builder.Name, o =>
        {
            o.UserName = credentials.Autotask.UserName;
            o.Secret = credentials.Autotask.Secret;
            o.IntegrationCode = credentials.Autotask.ApiIntegrationCode;
            // Zone discovery runs as against the real API: the sandbox's zoneInformation answers with its own URL.
            o.ZoneLookupUrl = new Uri(baseUrl, "autotask/atservicesrest/");
            o.TimeScale = timeScale;
        });
        builder.Services.Configure<ConnectWiseOptions>(builder.Name, o =>
        {
            o.SiteUrl = new Uri(baseUrl, "connectwise");
            o.CompanyId = credentials.ConnectWise.CompanyId;
            o.PublicKey = credentials.ConnectWise.PublicKey;
            o.PrivateKey = credentials.ConnectWise.PrivateKey;
            o.ClientId = credentials.ConnectWise.ClientId;
            o.TimeScale = timeScale;
        });
        builder.Services.Configure<XeroOptions>(builder.Name, o =>
        {
            o.ClientId = credentials.Xero.ClientId;
            o.ClientSecret = credentials.Xero.ClientSecret;
            o.RefreshToken = credentials.Xero.RefreshToken;
            o.TenantId = credentials.Xero.TenantId;
            o.ApiBaseUrl = new Uri(baseUrl, "xero/");
            o.IdentityBaseUrl = new Uri(baseUrl, "xero/identity/");
            o.TimeScale = timeScale;
        });
        builder.Services.Configure<QuickBooksOptions>(builder.Name, o =>
        {
            o.ClientId = credentials.QuickBooks.ClientId;
            o.ClientSecret = credentials.QuickBooks.ClientSecret;
            o.RefreshToken = credentials.QuickBooks.RefreshToken;
            o.RealmId = credentials.QuickBooks.RealmId;
            o.BaseUrl = new Uri(credentials.QuickBooks.ApiBaseUrl.AbsoluteUri.TrimEnd('/'));
            o.TokenUrl = credentials.QuickBooks.TokenUrl;
            o.TimeScale = timeScale;
        });
        return builder;
    }
}
