using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.Auth;
using WiseSync.DependencyInjection.Internal;
using WiseSync.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The provider kit: what every <c>Add&lt;Vendor&gt;</c> extension does the same way — the vendor's options named after
/// the connection (bound with reload or set in code), validated on start, and its typed client on the shared HTTP pipeline.
/// </summary>
public static class WiseSyncProviderBuilderExtensions
{
    /// <summary>
    /// Binds the connection's <typeparamref name="TOptions"/> (named options, name = <see cref="IWiseSyncBuilder.Name"/>)
    /// from <paramref name="section"/>; a change of the configuration reaches the next options resolved.
    /// </summary>
    /// <typeparam name="TOptions">The vendor's options.</typeparam>
    /// <param name="builder">The connection's builder.</param>
    /// <param name="section">The section holding the options.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder ConfigureProvider<TOptions>(this IWiseSyncBuilder builder, IConfigurationSection section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<TOptions>(builder.Name).Bind(section);
        return builder;
    }

    /// <summary>Sets the connection's <typeparamref name="TOptions"/> (named options, name = <see cref="IWiseSyncBuilder.Name"/>) in code.</summary>
    /// <typeparam name="TOptions">The vendor's options.</typeparam>
    /// <param name="builder">The connection's builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder ConfigureProvider<TOptions>(this IWiseSyncBuilder builder, Action<TOptions> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<TOptions>(builder.Name).Configure(configure);
        return builder;
    }

    /// <summary>
    /// Validates the connection's <typeparamref name="TOptions"/> on start with <typeparamref name="TAttributesValidator"/>
    /// (the source-generated one, its failures naming the connection) and <typeparamref name="TRulesValidator"/> (rules across settings).
    /// </summary>
    /// <typeparam name="TOptions">The vendor's options.</typeparam>
    /// <typeparam name="TAttributesValidator">Checks the data annotations.</typeparam>
    /// <typeparam name="TRulesValidator">Checks what annotations cannot express.</typeparam>
    /// <param name="builder">The connection's builder.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder ValidateProviderOptions<TOptions, TAttributesValidator, TRulesValidator>(this IWiseSyncBuilder builder)
        where TOptions : class
        where TAttributesValidator : class, IValidateOptions<TOptions>
        where TRulesValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TOptions>(builder.Name).ValidateOnStart();
        builder.Services.TryAddSingleton<TAttributesValidator>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, ConnectionNamedOptionsValidator<TOptions, TAttributesValidator>>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TRulesValidator>());
        return builder;
    }

    /// <summary>
    /// Registers the vendor's typed client for the connection on the shared HTTP pipeline, its
    /// <see cref="VendorHttpOptions"/> set by <paramref name="configure"/> from the connection's current <typeparamref name="TOptions"/>.
    /// </summary>
    /// <typeparam name="TOptions">The vendor's options.</typeparam>
    /// <typeparam name="TClient">The typed client, built on the named HttpClient.</typeparam>
    /// <param name="builder">The connection's builder.</param>
    /// <param name="vendor">The vendor key ("xero") of the client, its rate limiter and telemetry.</param>
    /// <param name="configure">Sets the HTTP options (address, limits, time scale) from the vendor's options.</param>
    /// <returns>The client's builder, to add authentication.</returns>
    public static IVendorHttpClientBuilder AddProviderHttpClient<TOptions, TClient>(this IWiseSyncBuilder builder, string vendor, Action<VendorHttpOptions, TOptions> configure)
        where TOptions : class
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        var client = builder.Services.AddVendorHttpClient<TClient, TClient>(vendor, name);
        // Runs after the plumbing's own configuration, from the options of this connection.
        builder.Services.AddOptions<VendorHttpOptions>(client.ClientName)
            .Configure<IOptionsMonitor<TOptions>>((http, all) => configure(http, all.Get(name)));
        return client;
    }

    /// <summary>
    /// Adds OAuth2 to the vendor client, its <see cref="OAuth2ClientOptions"/> set by <paramref name="configure"/> from the
    /// connection's current <typeparamref name="TOptions"/>; tokens live in the registered <see cref="ITokenStore"/>.
    /// </summary>
    /// <typeparam name="TOptions">The vendor's options.</typeparam>
    /// <param name="client">The vendor client's builder.</param>
    /// <param name="configure">Sets the OAuth2 options (token endpoint, client, scopes) from the vendor's options.</param>
    /// <returns>The same client builder.</returns>
    public static IVendorHttpClientBuilder AddOAuth2<TOptions>(this IVendorHttpClientBuilder client, Action<OAuth2ClientOptions, TOptions> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configure);
        var name = client.ConnectionName;
        client.AddOAuth2();
        client.Services.AddOptions<OAuth2ClientOptions>(client.ClientName)
            .Configure<IOptionsMonitor<TOptions>>((oauth, all) => configure(oauth, all.Get(name)));
        return client;
    }
}
