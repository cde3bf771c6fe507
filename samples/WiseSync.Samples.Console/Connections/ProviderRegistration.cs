using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WiseSync.Autotask;
using WiseSync.ConnectWise;
using WiseSync.QuickBooks;
using WiseSync.Xero;

namespace WiseSync.Samples.Console.Connections;

/// <summary>
/// Adds the chosen PSA and accounting providers to a connection exactly as a host would: the builder extensions with
/// either the sandbox's credentials (and its time scale) or a configuration section.
/// </summary>
internal static class ProviderRegistration
{
    public static void AddPsa(IWiseSyncBuilder builder, string psa, SandboxTarget sandbox)
    {
        var credentials = sandbox.Credentials;
        switch (psa)
        {
            case "autotask":
                builder.AddAutotask(o =>
                {
                    o.UserName = credentials.Autotask.UserName;
                    o.Secret = credentials.Autotask.Secret;
                    o.IntegrationCode = credentials.Autotask.ApiIntegrationCode;
                    // Zone discovery runs as against the real API: the sandbox's zoneInformation answers with its own URL.
                    o.ZoneLookupUrl = new Uri(sandbox.BaseUrl, "autotask/atservicesrest/");
                    o.TimeScale = sandbox.TimeScale;
                });
                break;
            case "connectwise":
                builder.AddConnectWise(o =>
                {
                    o.SiteUrl = new Uri(sandbox.BaseUrl, "connectwise");
                    o.CompanyId = credentials.ConnectWise.CompanyId;
                    o.PublicKey = credentials.ConnectWise.PublicKey;
                    o.PrivateKey = credentials.ConnectWise.PrivateKey;
                    o.ClientId = credentials.ConnectWise.ClientId;
                    o.TimeScale = sandbox.TimeScale;
                });
                break;
            default:
                throw new Cli.UsageException($"--psa: unknown PSA '{psa}'.");
        }
    }

    public static void AddAccounting(IWiseSyncBuilder builder, string accounting, SandboxTarget sandbox)
    {
        var credentials = sandbox.Credentials;
        switch (accounting)
        {
            case "xero":
                builder.AddXero(o =>
                {
                    o.ClientId = credentials.Xero.ClientId;
                    o.ClientSecret = credentials.Xero.ClientSecret;
                    o.RefreshToken = credentials.Xero.RefreshToken;
                    o.TenantId = credentials.Xero.TenantId;
                    o.ApiBaseUrl = new Uri(sandbox.BaseUrl, "xero/");
                    o.IdentityBaseUrl = new Uri(sandbox.BaseUrl, "xero/identity/");
                    o.TimeScale = sandbox.TimeScale;
                });
                break;
            case "quickbooks":
                builder.AddQuickBooks(o =>
                {
                    o.ClientId = credentials.QuickBooks.ClientId;
                    o.ClientSecret = credentials.QuickBooks.ClientSecret;
                    o.RefreshToken = credentials.QuickBooks.RefreshToken;
                    o.RealmId = credentials.QuickBooks.RealmId;
                    o.BaseUrl = new Uri(credentials.QuickBooks.ApiBaseUrl.AbsoluteUri.TrimEnd('/'));
                    o.TokenUrl = credentials.QuickBooks.TokenUrl;
                    o.TimeScale = sandbox.TimeScale;
                });
                break;
            default:
                throw new Cli.UsageException($"--accounting: unknown accounting system '{accounting}'.");
        }
    }

    /// <summary>Adds the PSA from its configuration section (<c>Autotask</c> or <c>ConnectWise</c>).</summary>
    public static void AddPsa(IWiseSyncBuilder builder, string psa, IConfiguration configuration, string configFile) => _ = psa switch
    {
        "autotask" => builder.AddAutotask(RequiredSection(configuration, "Autotask", configFile)),
        "connectwise" => builder.AddConnectWise(RequiredSection(configuration, "ConnectWise", configFile)),
        _ => throw new Cli.UsageException($"--psa: unknown PSA '{psa}'."),
    };

    /// <summary>Adds the accounting system from its configuration section (<c>Xero</c> or <c>QuickBooks</c>).</summary>
    public static void AddAccounting(IWiseSyncBuilder builder, string accounting, IConfiguration configuration, string configFile) => _ = accounting switch
    {
        "xero" => builder.AddXero(RequiredSection(configuration, "Xero", configFile)),
        "quickbooks" => builder.AddQuickBooks(RequiredSection(configuration, "QuickBooks", configFile)),
        _ => throw new Cli.UsageException($"--accounting: unknown accounting system '{accounting}'."),
    };

    /// <summary>The PSA's IANA time zone, which decides what "today" is for the default <c>--thru</c>.</summary>
    public static string? PsaTimeZone(IServiceProvider services, string psa, string connection) => psa switch
    {
        "autotask" => services.GetRequiredService<IOptionsMonitor<AutotaskOptions>>().Get(connection).TimeZone,
        "connectwise" => services.GetRequiredService<IOptionsMonitor<ConnectWiseOptions>>().Get(connection).TimeZone,
        _ => null,
    };

    /// <summary>The provider's name as its sections and messages spell it.</summary>
    public static string DisplayName(string vendor) => vendor switch
    {
        "autotask" => "Autotask",
        "connectwise" => "ConnectWise",
        "xero" => "Xero",
        "quickbooks" => "QuickBooks",
        _ => vendor,
    };

    private static IConfigurationSection RequiredSection(IConfiguration configuration, string name, string configFile)
    {
        var section = configuration.GetSection(name);
        if (!section.Exists())
        {
            throw new ConfigurationException(
                $"--config {configFile}: the section '{name}' is missing (or set WISESYNC__{name}__... environment variables); see samples/README.md.");
        }

        return section;
    }
}
