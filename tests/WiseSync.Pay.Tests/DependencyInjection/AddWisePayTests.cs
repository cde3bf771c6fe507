using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace WiseSync.Pay.Tests.DependencyInjection;

public sealed class AddWisePayTests
{
    [Fact]
    public async Task Scheduler_is_registered_keyed_by_the_connection_name_with_the_injected_clock()
    {
        await using var f = new PayFixture();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(f.Clock);
        new Builder("acme", services).AddWisePay(o => o.DatabasePath = f.DatabasePath);
        await using var provider = services.BuildServiceProvider();

        var scheduler = provider.GetRequiredKeyedService<IPaymentScheduler>("acme");

        var concrete = Assert.IsType<WisePayScheduler>(scheduler);
        Assert.Same(provider.GetRequiredKeyedService<WisePayScheduler>("acme"), concrete);
        Assert.Null(provider.GetKeyedService<IPaymentScheduler>(WiseSyncDefaults.ConnectionName));
        Assert.Equal(new LocalDate(2026, 3, 1), concrete.Today);
        Assert.Equal(f.DatabasePath, concrete.Store.DatabasePath);
    }

    [Fact]
    public async Task Options_bind_from_a_configuration_section()
    {
        await using var f = new PayFixture();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pay:DatabasePath"] = f.DatabasePath,
            ["Pay:TimeZoneId"] = "America/Chicago",
            ["Pay:ChargeLease"] = "00:02:00",
        }).Build();
        var services = new ServiceCollection();
        new Builder(WiseSyncDefaults.ConnectionName, services).AddWisePay(configuration.GetSection("Pay"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WisePayOptions>>().Get(WiseSyncDefaults.ConnectionName);

        Assert.Equal("America/Chicago", options.TimeZoneId);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ChargeLease);
        Assert.Same(SystemClock.Instance, provider.GetRequiredService<IClock>());
        Assert.NotNull(provider.GetRequiredKeyedService<IPaymentScheduler>(WiseSyncDefaults.ConnectionName));
    }

    [Fact]
    public void Unknown_time_zone_fails_validation_with_a_clear_message()
    {
        var services = new ServiceCollection();
        new Builder("acme", services).AddWisePay(o => o.TimeZoneId = "Mars/Olympus");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<WisePayOptions>>().Get("acme"));

        Assert.Contains(ex.Failures, m => m.Contains("Mars/Olympus", StringComparison.Ordinal));
    }

    [Fact]
    public void Database_path_defaults_to_the_ledger_file()
    {
        var services = new ServiceCollection();
        services.AddOptions<SqliteLedgerOptions>().Configure(o => o.DatabasePath = "/tmp/ledger-for-pay.db");
        new Builder("acme", services).AddWisePay();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WisePayOptions>>().Get("acme");

        Assert.Equal("/tmp/ledger-for-pay.db", options.DatabasePath);
    }

    private sealed record Builder(string Name, IServiceCollection Services) : IWiseSyncBuilder;
}
