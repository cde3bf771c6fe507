using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync.QuickBooks;
using WiseSync.Sandbox;

namespace WiseSync.Testing.Tests.Sandbox;

/// <summary>UseSandbox wires each vendor: a real sync over 127.0.0.1 against an in-process sandbox, PSA to accounting.</summary>
public sealed class UseSandboxTests
{
    [Theory]
    [InlineData("autotask", "xero")]
    [InlineData("connectwise", "quickbooks")]
    public async Task A_connection_on_the_sandbox_posts_every_pending_invoice(string psa, string accounting)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Companies = 4, Invoices = 8, TimeScale = 60 });
        var folder = Directory.CreateTempSubdirectory("wisesync-testing-");
        try
        {
            var services = new ServiceCollection().AddLogging();
            var builder = services.AddWiseSync("t", static _ => { })
                .UseSqliteLedger(o => o.DatabasePath = Path.Combine(folder.FullName, "ledger.db"))
                .UseSandbox(sandbox);
            _ = psa == "autotask" ? builder.AddAutotask() : builder.AddConnectWise();
            // The sandbox company's "Services" income account, so item codes become QBO items.
            _ = accounting == "xero" ? builder.AddXero() : builder.AddQuickBooks(o => o.DefaultIncomeAccountId = "1");
            await using var provider = services.BuildServiceProvider();

            var report = await provider.GetRequiredService<ISyncPipelineFactory>().Create("t")
                .RunAsync(new SyncRequest(SyncAction.PostToAccounting, LocalDate.FromDateOnly(sandbox.Options.ReferenceDate)));

            Assert.NotEmpty(report.Invoices);
            Assert.All(report.Invoices, r => Assert.NotEqual(SyncStatus.Error, r.Status));
            Assert.All(report.Invoices, r => Assert.NotNull(r.AccountingInvoiceId));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Every_vendor_of_the_connection_gets_the_sandbox_url_credentials_and_time_scale()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Companies = 1, Invoices = 1, TimeScale = 60 });
        var services = new ServiceCollection();
        services.AddWiseSync("t", static _ => { }).UseSandbox(sandbox);
        await using var provider = services.BuildServiceProvider();

        var autotask = provider.GetRequiredService<IOptionsMonitor<WiseSync.Autotask.AutotaskOptions>>().Get("t");
        var connectWise = provider.GetRequiredService<IOptionsMonitor<WiseSync.ConnectWise.ConnectWiseOptions>>().Get("t");
        var xero = provider.GetRequiredService<IOptionsMonitor<WiseSync.Xero.XeroOptions>>().Get("t");
        var quickBooks = provider.GetRequiredService<IOptionsMonitor<QuickBooksOptions>>().Get("t");

        Assert.Equal(sandbox.Credentials.Autotask.UserName, autotask.UserName);
        Assert.Equal(new Uri(sandbox.BaseUrl, "autotask/atservicesrest/"), autotask.ZoneLookupUrl);
        Assert.Equal(sandbox.Credentials.ConnectWise.CompanyId, connectWise.CompanyId);
        Assert.Equal(sandbox.Credentials.Xero.ClientId, xero.ClientId);
        Assert.Equal(new Uri(sandbox.BaseUrl, "xero/"), xero.ApiBaseUrl);
        Assert.Equal(sandbox.Credentials.QuickBooks.RealmId, quickBooks.RealmId);
        Assert.Equal(sandbox.Credentials.QuickBooks.TokenUrl, quickBooks.TokenUrl);
        Assert.All(new[] { autotask.TimeScale, connectWise.TimeScale, xero.TimeScale, quickBooks.TimeScale }, scale => Assert.Equal(60d, scale));
    }

    [Fact]
    public void Another_connection_keeps_its_own_settings()
    {
        var services = new ServiceCollection();
        services.AddWiseSync("sandboxed", static _ => { })
            .UseSandbox(new Uri("http://127.0.0.1:5599/"), Credentials(new Uri("http://127.0.0.1:5599/")), timeScale: 60);
        using var provider = services.BuildServiceProvider();

        var other = provider.GetRequiredService<IOptionsMonitor<WiseSync.Xero.XeroOptions>>().Get("production");

        Assert.Equal(new Uri("https://api.xero.com/"), other.ApiBaseUrl);
        Assert.Equal(1d, other.TimeScale);
    }

    private static SandboxCredentials Credentials(Uri baseUrl) => new()
    {
        Autotask = new() { UserName = "u", Secret = "s", ApiIntegrationCode = "c", ZoneInformationUrl = baseUrl, BaseUrl = baseUrl },
        ConnectWise = new() { CompanyId = "c", PublicKey = "p", PrivateKey = "k", ClientId = "i", BaseUrl = baseUrl },
        Xero = new() { ClientId = "x", ClientSecret = "y", RefreshToken = "r", TenantId = "t", TokenUrl = baseUrl, ConnectionsUrl = baseUrl, ApiBaseUrl = baseUrl },
        QuickBooks = new() { ClientId = "q", ClientSecret = "w", RefreshToken = "r", RealmId = "1", TokenUrl = baseUrl, ApiBaseUrl = baseUrl },
    };
}
