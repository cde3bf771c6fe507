using Microsoft.Extensions.DependencyInjection;
using WiseSync.Http;

namespace WiseSync.Tests.Http;

public sealed class BaseUrlValidatorTests
{
    [Fact]
    public void Plain_http_to_a_public_host_fails_configuration()
    {
        var ex = Assert.Throws<ConfigurationException>(() => BaseUrlValidator.Validate("http://example.com", "Xero:BaseAddress"));
        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Xero:BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5599/")]
    [InlineData("http://localhost:5599/")]
    [InlineData("http://[::1]:5599/")]
    [InlineData("https://api.xero.com/")]
    public void Https_and_loopback_http_are_accepted(string url) =>
        Assert.Equal(new Uri(url), BaseUrlValidator.Validate(url, "BaseAddress"));

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("/relative/path")]
    [InlineData("http://127.0.0.1.example.com/")]
    public void Other_urls_fail_configuration(string url) =>
        Assert.Throws<ConfigurationException>(() => BaseUrlValidator.Validate(url, "BaseAddress"));

    [Fact]
    public void Credentials_in_a_rejected_url_stay_out_of_the_message()
    {
        var ex = Assert.Throws<ConfigurationException>(() => BaseUrlValidator.Validate("http://user:pa55word-xyz@example.com/?key=secret-query", "BaseAddress"));
        Assert.DoesNotContain("pa55word-xyz", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-query", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_client_with_a_plain_http_public_base_url_fails_to_resolve()
    {
        var services = new ServiceCollection();
        services.AddVendorHttpClient<ProbeClient, ProbeClient>("probe", "default", o => o.BaseAddress = new Uri("http://example.com/"));
        using var provider = services.BuildServiceProvider();
        Assert.Throws<ConfigurationException>(() => provider.GetRequiredKeyedService<ProbeClient>("default"));
    }

    internal sealed class ProbeClient(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }
}
