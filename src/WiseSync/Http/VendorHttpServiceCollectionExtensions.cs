using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WiseSync.Http;
using WiseSync.Http.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a provider's typed vendor client with WiseSync's HTTP pipeline.</summary>
public static partial class VendorHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> as a keyed service (key = <paramref name="connectionName"/>) built on a
    /// named HttpClient that runs, per request: tenant rate limiter → total timeout → retry → attempt timeout → auth.
    /// </summary>
    public static IVendorHttpClientBuilder AddVendorHttpClient<TClient, TImplementation>(this IServiceCollection services, string vendor, string connectionName)
        where TClient : class
        where TImplementation : class, TClient =>
        services.AddVendorHttpClient<TClient, TImplementation>(vendor, connectionName, static _ => { });

    /// <summary>As <see cref="AddVendorHttpClient{TClient, TImplementation}(IServiceCollection, string, string)"/>, binding the options from <paramref name="section"/>.</summary>
    public static IVendorHttpClientBuilder AddVendorHttpClient<TClient, TImplementation>(this IServiceCollection services, string vendor, string connectionName, IConfigurationSection section)
        where TClient : class
        where TImplementation : class, TClient
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddVendorHttpClient<TClient, TImplementation>(vendor, connectionName, options => section.Bind(options));
    }

    /// <summary>
    /// As <see cref="AddVendorHttpClient{TClient, TImplementation}(IServiceCollection, string, string)"/>, with the options
    /// set by <paramref name="configure"/> (the provider's vendor defaults and callbacks, then the host's settings).
    /// </summary>
    public static IVendorHttpClientBuilder AddVendorHttpClient<TClient, TImplementation>(this IServiceCollection services, string vendor, string connectionName, Action<VendorHttpOptions> configure)
        where TClient : class
        where TImplementation : class, TClient
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var clientName = VendorHttpClientNames.For(vendor, connectionName);
        var builder = services.AddVendorHttpClientCore(vendor, connectionName, clientName, configure);
        services.AddKeyedTransient<TClient>(connectionName, (provider, _) =>
        {
            VendorHttpOptionsCheck.Get(provider, clientName);
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);
            return ActivatorUtilities.CreateInstance<TImplementation>(provider, http);
        });
        return builder;
    }

    private static VendorHttpClientBuilder AddVendorHttpClientCore(this IServiceCollection services, string vendor, string connectionName, string clientName, Action<VendorHttpOptions> configure)
    {
        services.AddOptions<VendorHttpOptions>(clientName).Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecretRedactor>();
        services.TryAddSingleton<TenantRateLimiterRegistry>();
        services.AddLogging();

        var http = services.AddHttpClient(clientName)
            .ConfigureHttpClient((provider, client) =>
            {
                var options = VendorHttpOptionsCheck.Get(provider, clientName);
                client.BaseAddress = options.BaseAddress;
                // The pipeline owns timeouts (total and per attempt); HttpClient's own would cut across retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
                var redactor = provider.GetRequiredService<SecretRedactor>();
                foreach (var header in options.SecretHeaders)
                {
                    redactor.AddSecretHeader(header);
                }
            })
            .RedactLoggedHeaders(static _ => true)
            .AddHttpMessageHandler(provider => new VendorResilienceHandler(
                vendor,
                clientName,
                VendorHttpOptionsCheck.Get(provider, clientName),
                provider.GetRequiredService<TenantRateLimiterRegistry>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("WiseSync.Http")));

        return new VendorHttpClientBuilder(vendor, connectionName, clientName, services, http);
    }
}
