using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace WiseSync.Autotask.Tests;

public sealed class ReadmeTests
{
    [Fact]
    public async Task The_readme_quick_start_lists_invoices_from_the_sandbox()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var lines = new List<string>();

        // The README's quick start, pointed at the sandbox's zone lookup.
        var services = new ServiceCollection();
        services.AddWiseSync().AddAutotask(o =>
        {
            o.UserName = "api@sandbox.local";
            o.Secret = "sandbox-secret";
            o.IntegrationCode = "SANDBOX";
            o.ZoneLookupUrl = new Uri(sandbox.Server.BaseUrl, "autotask/atservicesrest/");
        });
        await using var provider = services.BuildServiceProvider();
        var autotask = provider.GetRequiredKeyedService<IPsaSource>(WiseSyncDefaults.ConnectionName);
        await foreach (var invoice in autotask.GetInvoicesAsync(new PsaInvoiceQuery(new LocalDate(2026, 11, 30))))
        {
            lines.Add($"{invoice.Number} {invoice.Company.Name} {invoice.Total}");
        }

        Assert.Equal(100, lines.Count);
        Assert.StartsWith("INV-10001 ", lines[0], StringComparison.Ordinal);
    }
}
