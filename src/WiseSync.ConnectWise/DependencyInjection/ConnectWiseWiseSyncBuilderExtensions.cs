using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.ConnectWise;
using WiseSync.ConnectWise.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds ConnectWise PSA (Manage) as the invoice source of a WiseSync connection.</summary>
public static partial class ConnectWiseWiseSyncBuilderExtensions
{
    /// <summary>Adds ConnectWise with options configured elsewhere (named options, name = the connection name).</summary>
    /// <param name="builder">The connection being configured.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddConnectWise(this IWiseSyncBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        var services = builder.Services;
        services.AddOptions<ConnectWiseOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectWiseOptions>, ConnectWiseOptionsValidator>());
        var clientName = HttpClientName(name);
        services.AddHttpClient(clientName);
        services.AddKeyedSingleton<IPsaSource>(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<ConnectWiseOptions>>().Get(name);
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("WiseSync.ConnectWise") ?? NullLogger.Instance;
            return new ConnectWisePsaSource(() => new ConnectWiseApi(factory.CreateClient(clientName), options), options, logger);
        });
        return builder;
    }

    /// <summary>Adds ConnectWise with options bound from a configuration section (e.g. <c>WiseSync:ConnectWise</c>).</summary>
    /// <param name="builder">The connection being configured.</param>
    /// <param name="section">The section holding <see cref="ConnectWiseOptions"/>.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddConnectWise(this IWiseSyncBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<ConnectWiseOptions>(builder.Name, section);
        return builder.AddConnectWise();
    }

    /// <summary>Adds ConnectWise with options set in code.</summary>
    /// <param name="builder">The connection being configured.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddConnectWise(this IWiseSyncBuilder builder, Action<ConnectWiseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder.AddConnectWise();
    }

    internal static string HttpClientName(string connection) => $"WiseSync.ConnectWise.{connection}";
}
