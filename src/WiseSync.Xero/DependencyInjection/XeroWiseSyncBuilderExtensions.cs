using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.Auth;
using WiseSync.Http;
using WiseSync.Providers;
using WiseSync.Xero;
using WiseSync.Xero.Api;
using WiseSync.Xero.Customers;
using WiseSync.Xero.DependencyInjection;
using WiseSync.Xero.Invoices;
using WiseSync.Xero.Payments;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Xero as the accounting system of a WiseSync connection.</summary>
public static partial class XeroWiseSyncBuilderExtensions
{
    /// <summary>The vendor key of Xero's HTTP client and token store entries.</summary>
    public const string Vendor = "xero";

    /// <summary>
    /// Xero with options configured elsewhere (named options, name = the connection name): registers the
    /// <see cref="IAccountingSink"/> keyed by the connection name, on the shared HTTP plumbing (Xero's limits, retries,
    /// OAuth2 with rotating refresh tokens kept in the registered <see cref="ITokenStore"/>).
    /// </summary>
    public static IWiseSyncBuilder AddXero(this IWiseSyncBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        var services = builder.Services;
        builder.AddProvider<XeroOptions, XeroOptionsValidator, XeroOptionsRulesValidator, XeroApiClient>(Vendor, static (http, xero) =>
            {
                http.BaseAddress = xero.ApiBaseUrl;
                http.TimeScale = xero.TimeScale;
                http.Limits = XeroLimits.For(xero.PlanTier);
                http.ClassifyThrottle = XeroLimits.Classify;
                http.ReadQuota = XeroLimits.ReadQuota;
            })
            .AddOAuth2<XeroOptions>(static (oauth, xero) =>
            {
                oauth.TokenEndpoint = new Uri(xero.IdentityBaseUrl, "connect/token");
                oauth.ClientId = xero.ClientId;
                oauth.ClientSecret = xero.ClientSecret;
                oauth.InitialRefreshToken = xero.RefreshToken;
                oauth.GrantType = xero.UseClientCredentials ? OAuth2GrantType.ClientCredentials : OAuth2GrantType.RefreshToken;
                oauth.Scopes = XeroScopes.For(xero);

                // Access tokens last 30 minutes (reference §1.1).
                oauth.RefreshAhead = TimeSpan.FromMinutes(2);
            });

        services.AddKeyedSingleton(name, (provider, _) => new XeroConnectionState(
            name,
            provider.GetRequiredService<IOptionsMonitor<XeroOptions>>().Get(name),
            provider.GetRequiredService<TimeProvider>()));
        services.AddKeyedTransient<IAccountingSink>(name, (provider, _) =>
        {
            var state = provider.GetRequiredKeyedService<XeroConnectionState>(name);
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("WiseSync.Xero") ?? NullLogger.Instance;
            var api = new XeroApi(provider.GetRequiredKeyedService<XeroApiClient>(name), state, logger);
            var mapper = new XeroDraftMapper(state.Options);
            var invoices = new XeroInvoiceKind(api, mapper);
            var creditNotes = new XeroCreditNoteKind(api, mapper);
            return new XeroAccountingSink(
                api,
                new XeroCustomerResolver(api),
                new XeroDocumentWriter(api, invoices, creditNotes, logger),
                invoices,
                creditNotes,
                new XeroPaymentStatusReader(api));
        });
        return builder;
    }

    /// <summary>Xero with options bound from <paramref name="section"/> (e.g. the "Xero" section), reloaded when it changes.</summary>
    public static IWiseSyncBuilder AddXero(this IWiseSyncBuilder builder, IConfigurationSection section) =>
        builder.ConfigureProvider<XeroOptions>(section).AddXero();

    /// <summary>Xero with options set by <paramref name="configure"/>.</summary>
    public static IWiseSyncBuilder AddXero(this IWiseSyncBuilder builder, Action<XeroOptions> configure) =>
        builder.ConfigureProvider(configure).AddXero();
}
