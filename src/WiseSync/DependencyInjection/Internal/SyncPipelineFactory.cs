using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WiseSync.DependencyInjection.Internal;

/// <summary>Builds a connection's pipeline from its keyed providers and named options.</summary>
internal sealed class SyncPipelineFactory(
    IServiceProvider services,
    IEnumerable<WiseSyncConnectionRegistration> registrations,
    IOptionsMonitor<WiseSyncOptions> options,
    ISyncLedger ledger,
    IClock clock) : ISyncPipelineFactory
{
    private readonly HashSet<string> _names = registrations.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    public SyncPipeline Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Contains(name))
        {
            throw new ConfigurationException($"No WiseSync connection named '{name}' is registered; call services.AddWiseSync(\"{name}\", ...).");
        }

        var psa = services.GetKeyedService<IPsaSource>(name);
        var sink = services.GetKeyedService<IAccountingSink>(name);
        var missing = new List<string>();
        if (psa is null)
        {
            missing.Add("a PSA source (IPsaSource, e.g. AddAutotask() or AddConnectWise())");
        }

        if (sink is null)
        {
            missing.Add("an accounting sink (IAccountingSink, e.g. AddXero() or AddQuickBooks())");
        }

        if (missing.Count > 0)
        {
            throw new ConfigurationException($"WiseSync connection '{name}' has no {string.Join(" and no ", missing)} registered.");
        }

        return new SyncPipeline(
            name,
            psa!,
            sink!,
            ledger,
            clock,
            options.Get(name),
            services.GetKeyedService<IPaymentScheduler>(name),
            services.GetKeyedService<ICustomerMatchResolver>(name) ?? services.GetService<ICustomerMatchResolver>(),
            services.GetService<ILogger<SyncPipeline>>());
    }
}
