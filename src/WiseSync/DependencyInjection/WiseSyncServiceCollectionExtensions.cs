using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.DependencyInjection.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers WiseSync connections: the pipeline, its options, the SQLite ledger and the clock.</summary>
public static partial class WiseSyncServiceCollectionExtensions
{
    /// <summary>Adds the default connection with default options.</summary>
    public static IWiseSyncBuilder AddWiseSync(this IServiceCollection services) =>
        services.AddWiseSync(WiseSyncDefaults.ConnectionName, static _ => { });

    /// <summary>Adds the default connection with options bound from <paramref name="section"/> (its <c>Ledger</c> child configures the ledger file).</summary>
    public static IWiseSyncBuilder AddWiseSync(this IServiceCollection services, IConfigurationSection section) =>
        services.AddWiseSync(WiseSyncDefaults.ConnectionName, section);

    /// <summary>Adds the default connection with options set by <paramref name="configure"/>.</summary>
    public static IWiseSyncBuilder AddWiseSync(this IServiceCollection services, Action<WiseSyncOptions> configure) =>
        services.AddWiseSync(WiseSyncDefaults.ConnectionName, configure);

    /// <summary>Adds the connection <paramref name="name"/> with default options.</summary>
    public static IWiseSyncBuilder AddWiseSync(this IServiceCollection services, string name) =>
        services.AddWiseSync(name, static _ => { });

    /// <summary>Adds the connection <paramref name="name"/> with options bound from <paramref name="section"/> (its <c>Ledger</c> child configures the ledger file).</summary>
    public static IWiseSyncBuilder AddWiseSync(this IServiceCollection services, string name, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddWiseSyncCore(name);
        services.AddOptions<WiseSyncOptions>(name).Bind(section);
        var ledger = section.GetSection("Ledger");
        if (ledger.Exists())
        {
            services.AddOptions<SqliteLedgerOptions>().Bind(ledger);
        }

        return builder;
    }

    /// <summary>Adds the connection <paramref name="name"/> with options set by <paramref name="configure"/>.</summary>
    public static IWiseSyncBuilder AddWiseSync(this IServiceCollection services, string name, Action<WiseSyncOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddWiseSyncCore(name);
        services.AddOptions<WiseSyncOptions>(name).Configure(configure);
        return builder;
    }

    /// <summary>Sets where the ledger file lives (shared by all connections).</summary>
    public static IWiseSyncBuilder UseSqliteLedger(this IWiseSyncBuilder builder, Action<SqliteLedgerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SqliteLedgerOptions>().Configure(configure);
        return builder;
    }

    private static WiseSyncBuilder AddWiseSyncCore(this IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        services.AddOptions<WiseSyncOptions>(name).ValidateOnStart();
        services.AddOptions<SqliteLedgerOptions>().ValidateOnStart();
        services.TryAddSingleton<WiseSyncOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WiseSyncOptions>, ConnectionNamedOptionsValidator<WiseSyncOptions, WiseSyncOptionsValidator>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WiseSyncOptions>, WiseSyncOptionsRulesValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteLedgerOptions>, SqliteLedgerOptionsValidator>());

        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<ISyncLedger>(sp => new SqliteSyncLedger(sp.GetRequiredService<IOptions<SqliteLedgerOptions>>().Value, sp.GetRequiredService<IClock>()));
        services.TryAddSingleton<ITokenStore>(sp => new SqliteTokenStore(sp.GetRequiredService<IOptions<SqliteLedgerOptions>>().Value, sp.GetService<ITokenProtector>()));
        services.TryAddSingleton<ISyncPipelineFactory, SyncPipelineFactory>();
        services.TryAddTransient(sp => sp.GetRequiredService<ISyncPipelineFactory>().Create(WiseSyncDefaults.ConnectionName));
        if (!services.Any(d => d.ServiceType == typeof(WiseSyncConnectionRegistration) && d.ImplementationInstance is WiseSyncConnectionRegistration r && r.Name == name))
        {
            services.AddSingleton(new WiseSyncConnectionRegistration(name));
        }

        return new WiseSyncBuilder(name, services);
    }
}
