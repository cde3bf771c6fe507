using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync;
using WiseSync.Autotask;
using WiseSync.Autotask.Api;
using WiseSync.Autotask.DependencyInjection;
using WiseSync.Autotask.Invoices;
using WiseSync.Http;
using WiseSync.Providers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Datto Autotask PSA as the invoice source of a WiseSync connection.</summary>
public static partial class AutotaskWiseSyncBuilderExtensions
{
    /// <summary>Adds Autotask with options configured elsewhere (e.g. <c>services.Configure&lt;AutotaskOptions&gt;(name, ...)</c>).</summary>
    /// <param name="builder">The connection's builder.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddAutotask(this IWiseSyncBuilder builder)
    {
        // AddProvider checks the builder; only then is its name read.
        var client = builder.AddProvider<AutotaskOptions, AutotaskOptionsValidator, AutotaskOptionsRulesValidator, AutotaskHttp>(AutotaskHttpDefaults.Vendor, AutotaskHttpDefaults.Configure);
        var name = builder.Name;
        client.AddHeaderAuthentication(provider => AutotaskHttpDefaults.Headers(OptionsOf(provider, name)), "Secret");
        builder.Services.AddKeyedSingleton<IPsaSource>(name, (provider, _) => Create(provider, name));
        return builder;
    }

    /// <summary>Adds Autotask with options bound from a configuration section (UserName, Secret, IntegrationCode, ...), reloaded when it changes.</summary>
    /// <param name="builder">The connection's builder.</param>
    /// <param name="section">The section holding <see cref="AutotaskOptions"/>.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddAutotask(this IWiseSyncBuilder builder, IConfigurationSection section) =>
        builder.ConfigureProvider<AutotaskOptions>(section).AddAutotask();

    /// <summary>Adds Autotask with options set in code.</summary>
    /// <param name="builder">The connection's builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    public static IWiseSyncBuilder AddAutotask(this IWiseSyncBuilder builder, Action<AutotaskOptions> configure) =>
        builder.ConfigureProvider(configure).AddAutotask();

    private static AutotaskOptions OptionsOf(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IOptionsMonitor<AutotaskOptions>>().Get(name);

    private static AutotaskPsaSource Create(IServiceProvider provider, string name)
    {
        var options = OptionsOf(provider, name);
        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("WiseSync.Autotask") ?? NullLogger.Instance;
        var time = provider.GetRequiredService<TimeProvider>();
        HttpClient Client() => provider.GetRequiredKeyedService<AutotaskHttp>(name).Client;

        var zones = new AutotaskZoneResolver(options, Client);
        var api = new AutotaskApiClient(Client, zones, new AutotaskRequestGate(options.MaxThreadsPerEndpoint), logger);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone)
            ?? throw new ConfigurationException($"Autotask:TimeZone '{options.TimeZone}' is not an IANA time zone.");
        return new AutotaskPsaSource(options, api, zone, time, logger);
    }
}
