using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void Missing_realm_is_a_configuration_error_naming_the_setting()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder("acme", services).AddQuickBooks(o =>
        {
            o.ClientId = "id";
            o.ClientSecret = "s3cr3t-value";
            o.MinorVersion = 65;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ConfigurationException>(() => provider.GetRequiredKeyedService<IAccountingSink>("acme"));

        Assert.Contains("RealmId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MinorVersion", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'acme'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_a_configuration_section_per_connection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuickBooks:ClientId"] = "app",
            ["QuickBooks:ClientSecret"] = "secret",
            ["QuickBooks:RealmId"] = "123145",
            ["QuickBooks:Environment"] = "Production",
            ["QuickBooks:DivisionClasses:East"] = "42",
            ["QuickBooks:AutomatedSalesTax"] = "true",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder("east", services).AddQuickBooks(configuration.GetSection("QuickBooks"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<QuickBooksOptions>>().Get("east");
        var sink = provider.GetRequiredKeyedService<IAccountingSink>("east");

        Assert.Equal("123145", options.RealmId);
        Assert.Equal("42", options.DivisionClasses["East"]);
        Assert.True(options.AutomatedSalesTax);
        Assert.Equal(new Uri("https://quickbooks.api.intuit.com"), options.ResolveBaseUrl());
        Assert.Equal("QuickBooks", sink.Name);
    }

    [Fact]
    public void A_connection_that_names_no_environment_talks_to_production_not_to_intuits_sandbox()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuickBooks:ClientId"] = "app",
            ["QuickBooks:ClientSecret"] = "secret",
            ["QuickBooks:RealmId"] = "123145",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder("live", services).AddQuickBooks(configuration.GetSection("QuickBooks"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<QuickBooksOptions>>().Get("live");

        Assert.Equal(QuickBooksEnvironment.Production, options.Environment);
        Assert.Equal(QuickBooksEnvironment.Production, default(QuickBooksEnvironment));
        Assert.Equal(new Uri("https://quickbooks.api.intuit.com"), options.ResolveBaseUrl());
        Assert.Equal(new Uri("https://app.qbo.intuit.com"), options.ResolveWebAppUrl());
    }

    [Fact]
    public void Intuits_sandbox_is_used_when_named()
    {
        var options = new QuickBooksOptions { Environment = QuickBooksEnvironment.Sandbox };

        Assert.Equal(new Uri("https://sandbox-quickbooks.api.intuit.com"), options.ResolveBaseUrl());
        Assert.Equal(new Uri("https://app.sandbox.qbo.intuit.com"), options.ResolveWebAppUrl());
    }

    [Fact]
    public void An_environment_that_is_neither_production_nor_sandbox_is_refused_at_start()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder("acme", services).AddQuickBooks(o =>
        {
            o.ClientId = "id";
            o.ClientSecret = "secret";
            o.RealmId = "123";
            o.Environment = (QuickBooksEnvironment)7;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ConfigurationException>(() => provider.GetRequiredKeyedService<IAccountingSink>("acme"));

        Assert.Contains("Environment", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Capabilities_state_quickbooks_limits()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder(WiseSyncDefaults.ConnectionName, services).AddQuickBooks(o => o.UseSandbox(new Uri("http://127.0.0.1:5599")));
        using var provider = services.BuildServiceProvider();

        var capabilities = provider.GetRequiredKeyedService<IAccountingSink>(WiseSyncDefaults.ConnectionName).Capabilities;

        Assert.Equal(new AccountingCapabilities(0, 100, 100, 21, 30), capabilities);
    }

    [Fact]
    public void Options_never_show_secrets()
    {
        var options = new QuickBooksOptions { ClientId = "app", ClientSecret = "top-secret", RefreshToken = "refresh-secret", RealmId = "1" };

        var text = options.ToString();

        Assert.DoesNotContain("top-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-secret", text, StringComparison.Ordinal);
        Assert.Contains("app", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_names_the_company_and_rotated_refresh_token_is_stored()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("WiseSync Sandbox Inc.", result.Message, StringComparison.Ordinal);
        var stored = await qbo.Tokens.GetAsync(QuickBooksWiseSyncBuilderExtensions.Vendor, QuickBooksSandbox.RealmId);
        Assert.NotNull(stored?.RefreshToken);
        Assert.NotEqual("sandbox-refresh", stored!.RefreshToken);
    }

    [Fact]
    public void A_changed_configuration_value_reaches_the_next_options_resolved()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuickBooks:ClientId"] = "app",
            ["QuickBooks:ClientSecret"] = "secret",
            ["QuickBooks:RealmId"] = "123145",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder("east", services).AddQuickBooks(configuration.GetSection("QuickBooks"));
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<QuickBooksOptions>>();
        Assert.Equal("123145", monitor.Get("east").RealmId);

        configuration["QuickBooks:RealmId"] = "987654";
        configuration.Reload();

        Assert.Equal("987654", monitor.Get("east").RealmId);
    }
}
