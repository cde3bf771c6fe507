using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WiseSync;
using WiseSync.Pay;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Wise-Pay automatic payments to a WiseSync connection.</summary>
public static partial class WisePayWiseSyncBuilderExtensions
{
    /// <summary>
    /// Adds Wise-Pay with options configured elsewhere (named options, name = <see cref="IWiseSyncBuilder.Name"/>).
    /// <see cref="WisePayOptions.DatabasePath"/> defaults to the ledger's file (<see cref="SqliteLedgerOptions.DatabasePath"/>).
    /// Registers, keyed by the connection name, <see cref="IPaymentScheduler"/>, <see cref="WisePayScheduler"/> and
    /// <see cref="WisePayStore"/>, and a NodaTime <see cref="IClock"/> (the system clock) unless one is registered.
    /// </summary>
    public static IWiseSyncBuilder AddWisePay(this IWiseSyncBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var name = builder.Name;
        // Wise-Pay keeps its pay_ tables in the ledger's file unless told otherwise.
        services.AddOptions<WisePayOptions>(name)
            .PostConfigure<IOptions<SqliteLedgerOptions>>(static (options, ledger) =>
            {
                if (string.IsNullOrWhiteSpace(options.DatabasePath))
                {
                    options.DatabasePath = ledger.Value.DatabasePath;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WisePayOptions>, WisePayOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WisePayOptions>, WisePayOptionsRulesValidator>());
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddKeyedSingleton(name, static (sp, key) =>
            new WisePayStore(sp.GetRequiredService<IOptionsMonitor<WisePayOptions>>().Get((string)key!), sp.GetRequiredService<IClock>()));
        services.TryAddKeyedSingleton(name, static (sp, key) => new WisePayScheduler(
            sp.GetRequiredKeyedService<WisePayStore>(key),
            sp.GetRequiredService<IOptionsMonitor<WisePayOptions>>().Get((string)key!),
            sp.GetRequiredService<IClock>(),
            sp.GetService<ILogger<WisePayScheduler>>()));
        services.TryAddKeyedSingleton<IPaymentScheduler>(name, static (sp, key) => sp.GetRequiredKeyedService<WisePayScheduler>(key));
        return builder;
    }

    /// <summary>Adds Wise-Pay with options bound from <paramref name="section"/> (e.g. <c>WiseSync:Pay</c>).</summary>
    public static IWiseSyncBuilder AddWisePay(this IWiseSyncBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<WisePayOptions>(builder.Name).Bind(section);
        return builder.AddWisePay();
    }

    /// <summary>Adds Wise-Pay with options set by <paramref name="configure"/>.</summary>
    public static IWiseSyncBuilder AddWisePay(this IWiseSyncBuilder builder, Action<WisePayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<WisePayOptions>(builder.Name).Configure(configure);
        return builder.AddWisePay();
    }
}
