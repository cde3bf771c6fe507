using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.DependencyInjection;

public sealed class WiseSyncServiceCollectionExtensionsTests : IDisposable
{
    private readonly LedgerFile _file = new();

    public void Dispose() => _file.Dispose();

    private ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        return services;
    }

    [Fact]
    public async Task The_default_connection_resolves_its_keyed_providers_and_runs()
    {
        var services = Services();
        var psa = new FakePsaSource();
        psa.Add(Invoices.Make("1"));
        var builder = services.AddWiseSync(o => o.DefaultNetDays = 14).UseSqliteLedger(o => o.DatabasePath = _file.Path);
        builder.Services.AddKeyedSingleton<IPsaSource>(builder.Name, psa);
        builder.Services.AddKeyedSingleton<IAccountingSink>(builder.Name, new FakeAccountingSink());
        builder.Services.AddSingleton<IClock>(FakeClock.FromUtc(2026, 11, 20, 9, 0, 0));
        await using var provider = services.BuildServiceProvider();

        var pipeline = provider.GetRequiredService<SyncPipeline>();
        var report = await pipeline.RunAsync(new SyncRequest(SyncAction.PostToAccounting, new LocalDate(2026, 11, 30)));

        Assert.Equal(WiseSyncDefaults.ConnectionName, pipeline.Connection);
        Assert.Equal(SyncStatus.Success, report.Invoices.Single().Status);
        Assert.Equal(PaymentQueueStatus.Disabled, report.Invoices.Single().Payment);
        Assert.IsType<FakeClock>(provider.GetRequiredService<IClock>());
        Assert.Equal(_file.Path, ((SqliteSyncLedger)provider.GetRequiredService<ISyncLedger>()).DatabasePath);
    }

    [Fact]
    public async Task The_clock_defaults_to_the_system_clock()
    {
        var services = Services();
        services.AddWiseSync();
        await using var provider = services.BuildServiceProvider();
        Assert.Same(SystemClock.Instance, provider.GetRequiredService<IClock>());
    }

    [Fact]
    public async Task A_connection_without_providers_names_itself_and_what_is_missing()
    {
        var services = Services();
        var builder = services.AddWiseSync("acme").UseSqliteLedger(o => o.DatabasePath = _file.Path);
        builder.Services.AddKeyedSingleton<IPsaSource>("acme", new FakePsaSource());
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ConfigurationException>(() => provider.GetRequiredService<ISyncPipelineFactory>().Create("acme"));
        Assert.Contains("'acme'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IAccountingSink", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IPsaSource", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_connection_name_is_a_configuration_error()
    {
        var services = Services();
        services.AddWiseSync("acme");
        await using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<ConfigurationException>(() => provider.GetRequiredService<ISyncPipelineFactory>().Create("globex"));
        Assert.Contains("'globex'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_connections_bind_their_own_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Acme:ContactEmailHandling"] = "PrimaryOnly",
            ["Acme:PaymentTerms:Net 45:Days"] = "45",
            ["Acme:Lines:RoundingTolerance"] = "0.10",
            ["Acme:Ledger:DatabasePath"] = _file.Path,
            ["Globex:DefaultNetDays"] = "10",
        }).Build();
        var services = Services();
        services.AddWiseSync("acme", configuration.GetSection("Acme"));
        services.AddWiseSync("globex", configuration.GetSection("Globex"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WiseSyncOptions>>();
        Assert.Equal(ContactEmailHandling.PrimaryOnly, options.Get("acme").ContactEmailHandling);
        Assert.Equal(45, options.Get("acme").PaymentTerms["NET 45"].Days);
        Assert.Equal(0.10m, options.Get("acme").Lines.RoundingTolerance);
        Assert.Equal(ContactEmailHandling.PrimaryAndRecipients, options.Get("globex").ContactEmailHandling);
        Assert.Equal(10, options.Get("globex").DefaultNetDays);
        Assert.Equal(_file.Path, provider.GetRequiredService<IOptions<SqliteLedgerOptions>>().Value.DatabasePath);
    }

    [Fact]
    public async Task An_old_PsaBatchSize_key_is_ignored_now_that_the_PSA_sets_its_own_write_size()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Acme:PsaBatchSize"] = "0",
            ["Acme:DefaultNetDays"] = "10",
            ["Acme:Ledger:DatabasePath"] = _file.Path,
        }).Build();
        var services = Services();
        services.AddWiseSync("acme", configuration.GetSection("Acme"));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(10, provider.GetRequiredService<IOptionsMonitor<WiseSyncOptions>>().Get("acme").DefaultNetDays);
    }

    [Fact]
    public async Task Invalid_options_fail_on_start_with_a_message_naming_the_setting()
    {
        var services = Services();
        services.AddWiseSync("acme", o =>
        {
            o.Lines.RoundingTolerance = -1m;
            o.PaymentStatusBatchSize = 0;
        });
        services.AddWiseSync().UseSqliteLedger(o => o.DatabasePath = "");
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var messages = string.Join("\n", ex.InnerExceptions.Select(e => e.Message));
        Assert.Contains("Lines:RoundingTolerance", messages, StringComparison.Ordinal);
        Assert.Contains("PaymentStatusBatchSize", messages, StringComparison.Ordinal);
        Assert.Contains("Ledger:DatabasePath", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyed_payment_scheduler_and_customer_resolver_are_used_by_their_connection()
    {
        var services = Services();
        var builder = services.AddWiseSync("acme").UseSqliteLedger(o => o.DatabasePath = _file.Path);
        var psa = new FakePsaSource();
        psa.Add(Invoices.Make("1"));
        var scheduler = new FakePaymentScheduler();
        builder.Services.AddKeyedSingleton<IPsaSource>("acme", psa);
        builder.Services.AddKeyedSingleton<IAccountingSink>("acme", new FakeAccountingSink());
        builder.Services.AddKeyedSingleton<IPaymentScheduler>("acme", scheduler);
        builder.Services.AddSingleton<IClock>(FakeClock.FromUtc(2026, 11, 20, 9, 0, 0));
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<ISyncPipelineFactory>().Create("acme")
            .RunAsync(new SyncRequest(SyncAction.PostToAccounting, new LocalDate(2026, 11, 30)));
        Assert.Equal(PaymentQueueStatus.Queued, report.Invoices.Single().Payment);
        Assert.Single(scheduler.Scheduled);
    }
}
