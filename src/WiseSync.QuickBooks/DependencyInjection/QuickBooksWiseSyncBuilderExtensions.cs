using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.Auth;
using WiseSync.Http;
using WiseSync.Providers;
using WiseSync.QuickBooks;
using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.DependencyInjection;
using WiseSync.QuickBooks.Invoices;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds QuickBooks Online as the accounting system of a WiseSync connection.</summary>
public static partial class QuickBooksWiseSyncBuilderExtensions
{
    /// <summary>The vendor name used for HTTP clients, token storage and telemetry.</summary>
    public const string Vendor = "quickbooks";

    /// <summary>
    /// QuickBooks with <see cref="QuickBooksOptions"/> configured elsewhere (named options, name = the connection name):
    /// registers the <see cref="IAccountingSink"/> keyed by the connection name, an HTTP client with QBO's limits (500/min,
    /// 10 concurrent per realm) and OAuth2 with rotating refresh tokens kept in the registered <see cref="ITokenStore"/>.
    /// </summary>
    public static IWiseSyncBuilder AddQuickBooks(this IWiseSyncBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        var services = builder.Services;
        builder.AddProvider<QuickBooksOptions, QuickBooksOptionsValidator, QuickBooksOptionsRulesValidator, QuickBooksHttp>(Vendor, static (http, qbo) =>
            {
                http.BaseAddress = qbo.ResolveBaseUrl();
                http.TimeScale = qbo.TimeScale;
                // Published limits per realm (reference Part 2.3): 500 requests a minute, 10 at once.
                http.Limits = new VendorRateLimits
                {
                    MaxConcurrent = qbo.MaxConcurrentRequests,
                    RequestsPerWindow = qbo.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    WindowName = "per-realm minute limit",
                };
            })
            .AddOAuth2<QuickBooksOptions>(static (oauth, qbo) =>
            {
                oauth.TokenEndpoint = qbo.ResolveTokenUrl();
                oauth.ClientId = qbo.ClientId;
                oauth.ClientSecret = qbo.ClientSecret;
                oauth.InitialRefreshToken = qbo.RefreshToken;
                // Tokens belong to the company: one refresh chain per realm.
                oauth.TenantKey = qbo.RealmId;
                // Intuit support asks for the transaction id of a failed call (accounting-apis.md Part 2).
                oauth.RequestIdHeader = "intuit_tid";
            });

        services.AddKeyedSingleton(name, (provider, _) =>
        {
            var qbo = Options(provider, name);
            return new QuickBooksBatchLimiter(qbo.BatchRequestsPerMinute, qbo.TimeScale);
        });
        services.AddKeyedSingleton<IAccountingSink>(name, (provider, _) =>
        {
            var qbo = Options(provider, name);
            var limiter = provider.GetRequiredKeyedService<QuickBooksBatchLimiter>(name);
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("WiseSync.QuickBooks");
            return new QuickBooksAccountingSink(
                qbo,
                () => new QuickBooksApiClient(provider.GetRequiredKeyedService<QuickBooksHttp>(name).Client, qbo, limiter, logger),
                logger,
                provider.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        return builder;
    }

    /// <summary>QuickBooks with <see cref="QuickBooksOptions"/> bound from <paramref name="section"/>, reloaded when it changes.</summary>
    public static IWiseSyncBuilder AddQuickBooks(this IWiseSyncBuilder builder, IConfigurationSection section) =>
        builder.ConfigureProvider<QuickBooksOptions>(section).AddQuickBooks();

    /// <summary>QuickBooks with <see cref="QuickBooksOptions"/> set by <paramref name="configure"/>.</summary>
    public static IWiseSyncBuilder AddQuickBooks(this IWiseSyncBuilder builder, Action<QuickBooksOptions> configure) =>
        builder.ConfigureProvider(configure).AddQuickBooks();

    private static QuickBooksOptions Options(IServiceProvider provider, string name)
    {
        try
        {
            return provider.GetRequiredService<IOptionsMonitor<QuickBooksOptions>>().Get(name);
        }
        catch (OptionsValidationException ex)
        {
            throw new ConfigurationException(string.Join(" ", ex.Failures), ex);
        }
    }
}
