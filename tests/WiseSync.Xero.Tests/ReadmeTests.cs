using Microsoft.Extensions.DependencyInjection;

namespace WiseSync.Xero.Tests;

public sealed class ReadmeTests
{
    [Fact]
    public async Task Readme_quick_start_builds_a_xero_sink()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wisesync-readme-{Guid.NewGuid():N}.db");

        // The README's quick start (database path changed for the test).
        var services = new ServiceCollection();
        services.AddWiseSync()
            .UseSqliteLedger(o => o.DatabasePath = path)   // also keeps the rotated refresh tokens
            .AddXero(o =>
            {
                o.ClientId = "your-client-id";
                o.ClientSecret = "your-client-secret";
                o.RefreshToken = "refresh-token-from-the-first-authorisation";
                o.InvoiceStatus = XeroInvoiceStatus.Authorised;
            });
        await using var provider = services.BuildServiceProvider();
        var sink = provider.GetRequiredKeyedService<IAccountingSink>(WiseSyncDefaults.ConnectionName);

        Assert.Equal("Xero", sink.Name);
        Assert.Equal(new AccountingCapabilities(5, null, 30, 255, 50), sink.Capabilities);
        File.Delete(path);
    }
}
