using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.Auth;
using WiseSync.Auth.Internal;
using WiseSync.Http;
using WiseSync.Http.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds OAuth2 bearer authentication to a vendor client.</summary>
public static partial class OAuth2VendorHttpClientBuilderExtensions
{
    /// <summary>OAuth2 with options configured elsewhere (named options, name = <see cref="IVendorHttpClientBuilder.ClientName"/>).</summary>
    public static IVendorHttpClientBuilder AddOAuth2(this IVendorHttpClientBuilder builder) =>
        builder.AddOAuth2(static _ => { });

    /// <summary>OAuth2 with options bound from <paramref name="section"/>.</summary>
    public static IVendorHttpClientBuilder AddOAuth2(this IVendorHttpClientBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddOAuth2(options => section.Bind(options));
    }

    /// <summary>
    /// OAuth2 with options set by <paramref name="configure"/>. Registers an <see cref="OAuth2TokenManager"/> keyed by
    /// <see cref="IVendorHttpClientBuilder.ClientName"/>; tokens live in the registered <see cref="ITokenStore"/>.
    /// </summary>
    public static IVendorHttpClientBuilder AddOAuth2(this IVendorHttpClientBuilder builder, Action<OAuth2ClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var clientName = builder.ClientName;
        var tokenClientName = clientName + ".token";
        builder.Services.AddOptions<OAuth2ClientOptions>(clientName).Configure(configure);
        builder.Services.AddHttpClient(tokenClientName)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(static _ => true)
            // The token endpoint gets the vendor client's retry policy (429, 5xx, dropped connections, cut answers, a long
            // Retry-After stops the run), within OAuth2ClientOptions.Timeout and without the API's rate limits.
            .AddHttpMessageHandler(provider => new VendorResilienceHandler(
                builder.Vendor,
                tokenClientName,
                TokenEndpointOptions(
                    VendorHttpOptionsCheck.Get(provider, clientName),
                    provider.GetRequiredService<IOptionsMonitor<OAuth2ClientOptions>>().Get(clientName)),
                provider.GetRequiredService<TenantRateLimiterRegistry>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("WiseSync.Auth")));
        builder.Services.AddKeyedSingleton(clientName, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<OAuth2ClientOptions>>().Get(clientName);
            BaseUrlValidator.Validate(options.TokenEndpoint, $"{clientName}:TokenEndpoint");
            var store = provider.GetService<ITokenStore>()
                ?? throw new ConfigurationException($"{clientName} uses OAuth2 but no ITokenStore is registered.");
            return new OAuth2TokenManager(
                builder.Vendor,
                builder.ConnectionName,
                options,
                VendorHttpOptionsCheck.Get(provider, clientName).TimeScale,
                store,
                provider.GetRequiredService<IHttpClientFactory>(),
                tokenClientName,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<SecretRedactor>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("WiseSync.Auth"));
        });
        builder.HttpClientBuilder.AddHttpMessageHandler(provider => new OAuth2Handler(
            provider.GetRequiredKeyedService<OAuth2TokenManager>(clientName),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("WiseSync.Auth")));
        return builder;
    }

    private static VendorHttpOptions TokenEndpointOptions(VendorHttpOptions api, OAuth2ClientOptions oauth)
    {
        var total = oauth.Timeout > TimeSpan.Zero ? oauth.Timeout : TimeSpan.FromSeconds(30);
        return new VendorHttpOptions
        {
            BaseAddress = api.BaseAddress,
            TimeScale = api.TimeScale,
            TotalTimeout = total,
            AttemptTimeout = api.AttemptTimeout < total ? api.AttemptTimeout : total,
            MaxRetryAttempts = api.MaxRetryAttempts,
            RetryBaseDelay = api.RetryBaseDelay,
            RetryMaxDelay = api.RetryMaxDelay,
            MaxRetryAfter = api.MaxRetryAfter < total ? api.MaxRetryAfter : total,
        };
    }
}
