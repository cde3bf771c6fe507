using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WiseSync.ConnectWise.Api;

namespace WiseSync.ConnectWise.Tests;

public sealed class OptionsTests
{
    private sealed record Builder(string Name, IServiceCollection Services) : IWiseSyncBuilder;

    [Fact]
    public void Missing_settings_are_named_at_start()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        new Builder("acme", services).AddConnectWise(o =>
        {
            o.SiteUrl = new Uri("https://api-na.myconnectwise.net");
            o.CompanyId = "acme";
            o.ClientId = "not-a-guid";
            o.TimeZone = "Mars/Olympus";
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ConnectWiseOptions>>().Get("acme"));

        Assert.Contains(ex.Failures, f => f.Contains("PublicKey is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("PrivateKey is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("ClientId must be the GUID", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Mars/Olympus", StringComparison.Ordinal));
        Assert.All(ex.Failures, f => Assert.Contains("'acme'", f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(5000)]
    [InlineData(0)]
    public void A_page_size_outside_1_to_1000_fails_at_start_naming_the_limit_and_the_value(int pageSize)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        new Builder("acme", services).AddConnectWise(o =>
        {
            o.SiteUrl = new Uri("https://api-na.myconnectwise.net");
            o.CompanyId = "acme";
            o.PublicKey = "p";
            o.PrivateKey = "q";
            o.ClientId = Guid.Empty.ToString();
            o.PageSize = pageSize;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ConnectWiseOptions>>().Get("acme"));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("PageSize must be between 1 and 1000", failure, StringComparison.Ordinal);
        Assert.Contains($"it is {pageSize}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_text_never_shows_the_keys()
    {
        var options = new ConnectWiseOptions { SiteUrl = new Uri("https://x.example"), CompanyId = "acme", PublicKey = "pub-123", PrivateKey = "priv-456" };

        var text = options.ToString();

        Assert.DoesNotContain("pub-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("priv-456", text, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://x.example/v4_6_release/apis/3.0/"), options.ApiBaseAddress);
    }

    [Fact]
    public void Each_connection_gets_its_own_keyed_source()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        foreach (var name in new[] { "one", "two" })
        {
            new Builder(name, services).AddConnectWise(o =>
            {
                o.SiteUrl = new Uri($"https://{name}.example");
                o.CompanyId = name;
                o.PublicKey = "p";
                o.PrivateKey = "q";
                o.ClientId = Guid.Empty.ToString();
            });
        }

        using var provider = services.BuildServiceProvider();

        var one = provider.GetRequiredKeyedService<IPsaSource>("one");
        var two = provider.GetRequiredKeyedService<IPsaSource>("two");
        Assert.NotSame(one, two);
        Assert.Equal("ConnectWise", one.Name);
        Assert.Equal(new Uri("https://two.example/v4_6_release/apis/3.0/"), provider.GetRequiredService<IOptionsMonitor<ConnectWiseOptions>>().Get("two").ApiBaseAddress);
    }

    [Theory]
    [InlineData("2026-11-15T00:00:00Z", "UTC", "2026-11-15")]
    [InlineData("2026-11-15T00:00:00Z", "America/New_York", "2026-11-15")]
    [InlineData("2026-11-15T05:00:00Z", "America/New_York", "2026-11-15")]
    [InlineData("2026-11-15T03:00:00Z", "America/Los_Angeles", "2026-11-14")]
    public void Dates_keep_their_calendar_day_and_times_convert_to_the_site_zone(string wire, string zone, string expected)
    {
        var date = CwDates.ToLocalDate(wire, NodaTime.DateTimeZoneProviders.Tzdb[zone]);

        Assert.Equal(expected, date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class LinkHeaderTests
{
    [Fact]
    public void Next_link_with_commas_in_the_url_is_read_whole()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("Link", "<https://h/apis/3.0/x?fields=id,name&pageSize=2&page=1>; rel=\"first\", <https://h/apis/3.0/x?fields=id,name&pageId=42>; rel=\"next\"");

        var next = WiseSync.ConnectWise.Api.ConnectWiseApi.NextLink(response);

        Assert.Equal(new Uri("https://h/apis/3.0/x?fields=id,name&pageId=42"), next);
    }
}
