using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WiseSync.Xero.Tests;

public sealed class ConfigurationReloadTests
{
    [Fact]
    public void A_changed_configuration_value_reaches_the_next_options_resolved()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Xero:ClientId"] = "app",
            ["Xero:ClientSecret"] = "secret",
            ["Xero:DefaultAccountCode"] = "200",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddWiseSync("acme").AddXero(configuration.GetSection("Xero"));
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<XeroOptions>>();
        Assert.Equal("200", monitor.Get("acme").DefaultAccountCode);

        configuration["Xero:DefaultAccountCode"] = "260";
        configuration.Reload();

        Assert.Equal("260", monitor.Get("acme").DefaultAccountCode);
    }
}
