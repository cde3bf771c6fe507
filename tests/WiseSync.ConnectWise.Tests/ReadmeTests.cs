using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WiseSync.ConnectWise.Tests.Infrastructure;

namespace WiseSync.ConnectWise.Tests;

public sealed class ReadmeTests
{
    [Fact]
    public async Task Readme_quick_start_lists_pending_invoices()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 12);
        var cw = sandbox.Server.Credentials.ConnectWise;

        // The README's quick start, pointed at the sandbox.
        var services = new ServiceCollection().AddLogging();
        IWiseSyncBuilder builder = services.AddWiseSync();
        builder.AddConnectWise(o =>
        {
            o.SiteUrl = new Uri(sandbox.Server.BaseUrl, "connectwise");
            o.CompanyId = cw.CompanyId; o.PublicKey = cw.PublicKey; o.PrivateKey = cw.PrivateKey;
            o.ClientId = cw.ClientId;
        });
        await using var provider = services.BuildServiceProvider();
        var psa = provider.GetRequiredKeyedService<IPsaSource>(WiseSyncDefaults.ConnectionName);
        var count = 0;
        await foreach (var invoice in psa.GetInvoicesAsync(new PsaInvoiceQuery(new LocalDate(2027, 12, 31))))
        {
            count++;
        }

        Assert.Equal(12, count);
    }
}
