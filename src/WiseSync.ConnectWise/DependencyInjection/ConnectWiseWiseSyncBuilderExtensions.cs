using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.ConnectWise;
using WiseSync.ConnectWise.Api;
using WiseSync.ConnectWise.Invoices;
using WiseSync.Http;
using WiseSync.Providers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds ConnectWise PSA (Manage) as the invoice source of a WiseSync connection.</summary>
public static partial class ConnectWiseWiseSyncBuilderExtensions
{
    /// <summary>The vendor name used for the HTTP client, telemetry and rate limiter.</summary>
    private const string Vendor = "connectwise";

    /// <summary>Adds ConnectWise with options configured elsewhere (named options, name = the connection name).</summary>
    /// <param name="builder">The connection being configured.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddConnectWise(this IWiseSyncBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        var services = builder.Services;
        builder.AddProvider<ConnectWiseOptions, ConnectWiseOptionsValidator, ConnectWiseOptionsRulesValidator, ConnectWiseApi>(Vendor, static (http, options) =>
            {
                http.BaseAddress = options.ApiBaseAddress;
                http.TimeScale = options.TimeScale;
                http.Limits = new VendorRateLimits { MaxConcurrent = Math.Max(1, options.MaxConcurrentRequests) };
            })
            .AddHeaderAuthentication(sp => Headers(Options(sp, name)), "Authorization");

        services.AddKeyedSingleton<IPsaSource>(name, (sp, _) => new ConnectWisePsaSource(
            () => sp.GetRequiredKeyedService<ConnectWiseApi>(name),
            Options(sp, name),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("WiseSync.ConnectWise")));
        return builder;
    }

    /// <summary>Adds ConnectWise with options bound from a configuration section (e.g. <c>WiseSync:ConnectWise</c>), reloaded when it changes.</summary>
    /// <param name="builder">The connection being configured.</param>
    /// <param name="section">The section holding <see cref="ConnectWiseOptions"/>.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddConnectWise(this IWiseSyncBuilder builder, IConfigurationSection section) =>
        builder.ConfigureProvider<ConnectWiseOptions>(section).AddConnectWise();

    /// <summary>Adds ConnectWise with options set in code.</summary>
    /// <param name="builder">The connection being configured.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddConnectWise(this IWiseSyncBuilder builder, Action<ConnectWiseOptions> configure) =>
        builder.ConfigureProvider(configure).AddConnectWise();

    private static ConnectWiseOptions Options(IServiceProvider sp, string name)
    {
        var options = sp.GetRequiredService<IOptionsMonitor<ConnectWiseOptions>>().Get(name);
        BaseUrlValidator.Validate(options.SiteUrl, "ConnectWise:SiteUrl");
        return options;
    }

    /// <summary>
    /// Basic "company+public:private" and the clientId GUID on every request (reference/psa-apis.md §2.1), plus the pinned
    /// model version: without it a site answers with its latest model, and models change per release.
    /// </summary>
    private static Dictionary<string, string> Headers(ConnectWiseOptions options)
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.CompanyId}+{options.PublicKey}:{options.PrivateKey}"));
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = "Basic " + token,
            ["clientId"] = options.ClientId ?? string.Empty,
            ["Accept"] = string.IsNullOrWhiteSpace(options.ApiVersion)
                ? "application/json"
                : $"application/vnd.connectwise.com+json; version={options.ApiVersion}",
        };
    }
}
