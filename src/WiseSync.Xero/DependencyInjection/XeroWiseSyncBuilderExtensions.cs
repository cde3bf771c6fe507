using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.Auth;
using WiseSync.Http;
using WiseSync.Xero;
using WiseSync.Xero.Api;
using WiseSync.Xero.Customers;
using WiseSync.Xero.Internal;
using WiseSync.Xero.Invoices;
using WiseSync.Xero.Payments;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Xero as the accounting system of a WiseSync connection.</summary>
public static partial class XeroWiseSyncBuilderExtensions
{
    /// <summary>The vendor key of Xero's HTTP client and token store entries.</summary>
    public const string Vendor = "xero";

    /// <summary>Xero with options configured elsewhere (named options, name = the connection name).</summary>
    public static IWiseSyncBuilder AddXero(this IWiseSyncBuilder builder) => builder.AddXero(static _ => { });

    /// <summary>Xero with options bound from <paramref name="section"/> (e.g. the "Xero" section).</summary>
    public static IWiseSyncBuilder AddXero(this IWiseSyncBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddXero(options => section.Bind(options));
    }

    /// <summary>
    /// Xero with options set by <paramref name="configure"/>: registers the <see cref="IAccountingSink"/> keyed by the
    /// connection name, on the shared HTTP plumbing (Xero's limits, retries, OAuth2 with rotating refresh tokens kept
    /// in the registered <see cref="ITokenStore"/>).
    /// </summary>
    public static IWiseSyncBuilder AddXero(this IWiseSyncBuilder builder, Action<XeroOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        var services = builder.Services;
        var clientName = VendorHttpClientNames.For(Vendor, name);

        services.AddOptions<XeroOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<XeroOptions>>(new XeroOptionsValidator(name));
        services.TryAddSingleton(TimeProvider.System);

        services.AddVendorHttpClient<XeroApiClient, XeroApiClient>(Vendor, name, static _ => { })
            .AddOAuth2(static _ => { });

        // Both run after the plumbing's own configuration, from the connection's XeroOptions.
        services.AddOptions<VendorHttpOptions>(clientName).Configure<IOptionsMonitor<XeroOptions>>((http, all) =>
        {
            var xero = all.Get(name);
            http.BaseAddress = xero.ApiBaseUrl;
            http.TimeScale = xero.TimeScale;
            http.Limits = XeroLimits.For(xero.PlanTier);
            http.ClassifyThrottle = XeroLimits.Classify;
            http.ReadQuota = XeroLimits.ReadQuota;
        });
        services.AddOptions<OAuth2ClientOptions>(clientName).Configure<IOptionsMonitor<XeroOptions>>((oauth, all) =>
        {
            var xero = all.Get(name);
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
            var api = new XeroApi(provider.GetRequiredKeyedService<XeroApiClient>(name), state);
            var mapper = new XeroDraftMapper(state.Options);
            var invoices = new XeroInvoiceKind(api, mapper);
            var creditNotes = new XeroCreditNoteKind(api, mapper);
            return new XeroAccountingSink(
                api,
                new XeroCustomerResolver(api),
                new XeroDocumentWriter(api, invoices, creditNotes),
                invoices,
                creditNotes,
                new XeroPaymentStatusReader(api));
        });
        return builder;
    }
}
