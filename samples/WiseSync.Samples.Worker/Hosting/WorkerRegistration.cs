using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WiseSync.Pay;
using WiseSync.Samples.Worker.Scheduling;

namespace WiseSync.Samples.Worker.Hosting;

/// <summary>
/// Registers every connection under <c>WiseSync:Connections</c> with the SDK (<c>AddWiseSync</c> + provider builders, exactly
/// as any host does) and the worker that runs them.
/// </summary>
/// <remarks>
/// Layout of one connection: <c>Psa</c> (autotask|connectwise), <c>Accounting</c> (xero|quickbooks), <c>Schedule</c>,
/// <c>Sync</c> (engine options), the provider sections (<c>Autotask</c>, <c>ConnectWise</c>, <c>Xero</c>, <c>QuickBooks</c>) and
/// an optional <c>Pay</c>. <c>WiseSync:Ledger</c> names the ledger file shared by all connections; <c>WiseSync:ProtectTokens</c>
/// (with <c>WiseSync:DataProtection:KeysFolder</c>) keeps its OAuth tokens protected by ASP.NET Core Data Protection.
/// </remarks>
internal static class WorkerRegistration
{
    public const string DefaultDatabase = "wisesync-worker.db";

    public static IServiceCollection AddWiseSyncWorker(this IServiceCollection services, IConfigurationSection wiseSync)
    {
        var ledgerPath = wiseSync["Ledger:DatabasePath"] ?? DefaultDatabase;
        var connections = wiseSync.GetSection("Connections").GetChildren().ToList();
        foreach (var connection in connections)
        {
            var name = connection.Key;
            var builder = services.AddWiseSync(name, connection.GetSection("Sync"))
                .UseSqliteLedger(o => o.DatabasePath = ledgerPath);
            AddPsa(builder, connection);
            AddAccounting(builder, connection);
            var pay = connection.GetSection("Pay");
            if (pay.Exists())
            {
                builder.AddWisePay(pay);
                services.PostConfigure<WisePayOptions>(name, o => o.DatabasePath ??= ledgerPath);
            }

            services.AddOptions<SyncScheduleOptions>(name).Bind(connection.GetSection("Schedule")).Validate(
                s => s.Mode == SyncScheduleMode.Manual || s.Interval > TimeSpan.Zero,
                $"WiseSync:Connections:{name}:Schedule:Interval must be positive (or set Mode to Manual).").ValidateOnStart();
            services.AddSingleton(new WorkerConnection(name));
        }

        if (wiseSync.GetValue<bool>("ProtectTokens"))
        {
            // Tokens at rest in the ledger through ASP.NET Core Data Protection instead of plain text (file mode 0600).
            services.AddDataProtectionTokenProtector(wiseSync["DataProtection:KeysFolder"]);
        }

        services.TryAddSingleton<SyncTrigger>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SyncWorker>();
        return services;
    }

    private static void AddPsa(IWiseSyncBuilder builder, IConfigurationSection connection) =>
        _ = connection["Psa"]?.ToLowerInvariant() switch
        {
            null or "autotask" => builder.AddAutotask(Required(connection, "Autotask")),
            "connectwise" => builder.AddConnectWise(Required(connection, "ConnectWise")),
            var other => throw new ConfigurationException($"{connection.Path}:Psa must be autotask or connectwise; got '{other}'."),
        };

    private static void AddAccounting(IWiseSyncBuilder builder, IConfigurationSection connection) =>
        _ = connection["Accounting"]?.ToLowerInvariant() switch
        {
            null or "xero" => builder.AddXero(Required(connection, "Xero")),
            "quickbooks" => builder.AddQuickBooks(Required(connection, "QuickBooks")),
            var other => throw new ConfigurationException($"{connection.Path}:Accounting must be xero or quickbooks; got '{other}'."),
        };

    private static IConfigurationSection Required(IConfigurationSection connection, string name)
    {
        var section = connection.GetSection(name);
        return section.Exists()
            ? section
            : throw new ConfigurationException($"{section.Path} is missing: connection '{connection.Key}' needs its {name} settings.");
    }
}
