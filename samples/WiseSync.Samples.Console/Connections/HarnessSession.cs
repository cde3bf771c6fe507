using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync.Pay;
using WiseSync.Samples.Console.Cli;
using WiseSync.Samples.Console.Output;
using WiseSync.Sandbox;

namespace WiseSync.Samples.Console.Connections;

/// <summary>
/// One connection set up the way a host sets it up (<c>services.AddWiseSync(...)</c> plus the provider builders),
/// against the embedded sandbox, a running sandbox (<c>--sandbox-url</c>) or the real vendor APIs (<c>--config</c>).
/// </summary>
internal sealed class HarnessSession : IAsyncDisposable
{
    /// <summary>The harness runs one connection.</summary>
    public const string ConnectionName = WiseSyncDefaults.ConnectionName;

    private readonly ServiceProvider _services;
    private readonly SandboxServer? _embedded;

    private HarnessSession(HarnessSettings settings, ServiceProvider services, SandboxServer? embedded, SandboxTarget? sandbox, string ledgerPath)
    {
        Settings = settings;
        _services = services;
        _embedded = embedded;
        Sandbox = sandbox;
        LedgerPath = ledgerPath;
    }

    public HarnessSettings Settings { get; }

    /// <summary>The sandbox synced against, null with <c>--config</c>.</summary>
    public SandboxTarget? Sandbox { get; }

    /// <summary>The ledger file.</summary>
    public string LedgerPath { get; }

    public IServiceProvider Services => _services;

    /// <summary>True when the sandbox runs in this process.</summary>
    public bool Embedded => _embedded is not null;

    public string PsaName => ProviderRegistration.DisplayName(Settings.Psa);

    public string AccountingName => ProviderRegistration.DisplayName(Settings.Accounting);

    /// <summary>The connection's pipeline, built by the SDK's factory from the keyed providers.</summary>
    public SyncPipeline Pipeline => _services.GetRequiredService<ISyncPipelineFactory>().Create(ConnectionName);

    public IPsaSource Psa => _services.GetRequiredKeyedService<IPsaSource>(ConnectionName);

    public IAccountingSink Sink => _services.GetRequiredKeyedService<IAccountingSink>(ConnectionName);

    /// <summary>Wise-Pay's store, when a scheduler is configured.</summary>
    public WisePayStore? PayStore => _services.GetKeyedService<WisePayStore>(ConnectionName);

    /// <summary>Where the run goes, for the first line of the output.</summary>
    public string Description => Sandbox is null
        ? $"{PsaName} → {AccountingName} (real APIs from {Settings.ConfigFile})"
        : $"{PsaName} → {AccountingName} on the sandbox at {Sandbox.BaseUrl} ({(_embedded is null ? "running" : "embedded")}, time scale {Sandbox.TimeScale}×)";

    /// <summary>The <c>--thru</c> date: as given, else today in the PSA's time zone (the local zone when the PSA names none).</summary>
    public LocalDate ThruDate()
    {
        if (Settings.Thru is { } thru)
        {
            return thru;
        }

        var zoneId = ProviderRegistration.PsaTimeZone(_services, Settings.Psa, ConnectionName);
        var zone = (zoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)) ?? DateTimeZoneProviders.Tzdb.GetSystemDefault();
        return _services.GetRequiredService<IClock>().GetCurrentInstant().InZone(zone).Date;
    }

    public static async Task<HarnessSession> StartAsync(HarnessSettings settings, HarnessConsole console, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .AddProvider(new TextWriterLoggerProvider(console.Error, settings.Verbose ? LogLevel.Information : LogLevel.Warning)));

        if (settings.ConfigFile is { } configFile)
        {
            var ledgerPath = ConfigureFromFile(services, settings, configFile, console);
            console.LedgerPath = Path.GetFullPath(ledgerPath);
            var configured = Build(settings, services, embedded: null, sandbox: null, ledgerPath);
            try
            {
                await configured.CheckLedgerAsync(cancellationToken);
            }
            catch
            {
                await configured.DisposeAsync();
                throw;
            }

            return configured;
        }

        SandboxServer? embedded = null;
        try
        {
            SandboxTarget target;
            if (settings.SandboxUrl is { } url)
            {
                target = await SandboxTarget.ReadAsync(url, cancellationToken);
            }
            else
            {
                embedded = await SandboxServer.StartAsync(EmbeddedOptions(settings), cancellationToken);
                target = SandboxTarget.Of(embedded);
            }

            var ledgerPath = settings.Database ?? HarnessCommandLine.DefaultDatabase;
            console.LedgerPath = Path.GetFullPath(ledgerPath);
            if (embedded is not null && settings.Command == HarnessCommand.Sync)
            {
                // The embedded sandbox starts from its generated data every time, so a ledger (mappings, rotated tokens)
                // left by an earlier run describes a sandbox that is gone: a sync starts from a fresh one.
                DeleteLedger(ledgerPath);
                console.Error.WriteLine($"Embedded sandbox: starting a fresh ledger at {ledgerPath} (use --sandbox-url to keep one across runs).");
            }

            var builder = services.AddWiseSync(ConnectionName, static _ => { })
                .UseSqliteLedger(o =>
                {
                    o.DatabasePath = ledgerPath;
                    o.BusyTimeout = settings.LedgerTimeout;
                });
            ProviderRegistration.AddProviders(builder, settings.Psa, settings.Accounting, target);
            builder.AddWisePay(o => o.DatabasePath = ledgerPath);
            var session = Build(settings, services, embedded, target, ledgerPath);
            embedded = null;
            try
            {
                await session.CheckLedgerAsync(cancellationToken);
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }

            return session;
        }
        catch
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Now, by the SDK's clock.</summary>
    public Instant Now() => _services.GetRequiredService<IClock>().GetCurrentInstant();

    /// <summary>The connection's SQLite ledger.</summary>
    public SqliteSyncLedger Ledger => (SqliteSyncLedger)_services.GetRequiredService<ISyncLedger>();

    /// <summary>
    /// Before a command that writes the ledger calls any vendor: the file must be writable and not locked by another program,
    /// and sound (SQLite's quick check), so a damaged ledger stops the run before anything is posted that it could not record.
    /// </summary>
    private async Task CheckLedgerAsync(CancellationToken cancellationToken)
    {
        if (!Settings.WritesLedger)
        {
            return;
        }

        await Ledger.CheckWritableAsync(cancellationToken);
        var health = await SqliteLedgerFile.InspectAsync(LedgerPath, cancellationToken);
        if (health.State == SqliteLedgerState.Damaged)
        {
            throw new LedgerException(LedgerProblem.Damaged, Path.GetFullPath(LedgerPath), health.Detail ?? "quick check failed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
    }

    private static HarnessSession Build(HarnessSettings settings, ServiceCollection services, SandboxServer? embedded, SandboxTarget? sandbox, string ledgerPath)
    {
        var provider = services.BuildServiceProvider();
        try
        {
            // What IHost does on start: options registered with ValidateOnStart are checked now, so a missing setting
            // is reported before anything runs.
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new HarnessSession(settings, provider, embedded, sandbox, ledgerPath);
    }

    /// <summary>
    /// Real vendor APIs from appsettings.json plus <c>WISESYNC__</c> environment variables (e.g. <c>WISESYNC__Xero__ClientSecret</c>):
    /// sections <c>Sync</c> (engine options, <c>Sync:Ledger</c>), <c>Autotask</c>/<c>ConnectWise</c>, <c>Xero</c>/<c>QuickBooks</c> and optional <c>Pay</c>.
    /// </summary>
    private static string ConfigureFromFile(ServiceCollection services, HarnessSettings settings, string configFile, HarnessConsole console)
    {
        var path = Path.GetFullPath(configFile);
        if (!File.Exists(path))
        {
            throw new UsageException($"--config: the file '{configFile}' does not exist.");
        }

        if (ConfigFileExposure.Warning(path) is { } warning)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(path, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables("WISESYNC__")
                .Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw new UsageException($"--config: '{configFile}' is not a readable JSON file ({ex.Message}).");
        }

        ConfigFilePaths.ResolveAgainst(configuration, Path.GetDirectoryName(path)!);

        var sync = configuration.GetSection("Sync");
        var ledgerPath = settings.Database ?? sync["Ledger:DatabasePath"] ?? HarnessCommandLine.DefaultDatabase;
        var builder = services.AddWiseSync(ConnectionName, sync).UseSqliteLedger(o =>
        {
            o.DatabasePath = ledgerPath;
            o.BusyTimeout = settings.LedgerTimeout;
        });
        ProviderRegistration.AddPsa(builder, settings.Psa, configuration, configFile);
        ProviderRegistration.AddAccounting(builder, settings.Accounting, configuration, configFile);

        var pay = configuration.GetSection("Pay");
        if (pay.Exists())
        {
            builder.AddWisePay(pay);
            services.PostConfigure<WisePayOptions>(ConnectionName, o => o.DatabasePath ??= ledgerPath);
        }

        return ledgerPath;
    }

    private static SandboxOptions EmbeddedOptions(HarnessSettings settings)
    {
        var options = new SandboxOptions { TimeScale = settings.TimeScale };

        // The generated invoices are dated on or before the reference date; on a machine whose clock is behind it,
        // move it to today so the default --thru still covers them.
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
        if (today < options.ReferenceDate)
        {
            options.ReferenceDate = today;
        }

        return options;
    }

    private static void DeleteLedger(string path)
    {
        // A pooled connection of an earlier run in this process would keep writing to the deleted file.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
