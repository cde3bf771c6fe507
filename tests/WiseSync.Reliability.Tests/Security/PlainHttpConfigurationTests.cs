using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WiseSync.Autotask;
using WiseSync.ConnectWise;
using WiseSync.QuickBooks;
using WiseSync.Xero;

namespace WiseSync.Reliability.Tests.Security;

/// <summary>
/// Credentials travel with every request, so a vendor URL with plain http to a host other than loopback is refused when the
/// connection is validated at start (what IHost does), with a message naming the setting — before any request is sent.
/// </summary>
public sealed class PlainHttpConfigurationTests
{
    public static TheoryData<string, string> Settings => new()
    {
        { "Xero:ApiBaseUrl", "xero" },
        { "Xero:IdentityBaseUrl", "xero" },
        { "QuickBooks:BaseUrl", "quickbooks" },
        { "QuickBooks:TokenUrl", "quickbooks" },
        { "Autotask:ZoneLookupUrl", "xero" },
        { "Autotask:ZoneUrl", "xero" },
        { "ConnectWise:SiteUrl", "xero" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Plain_http_to_a_remote_host_is_refused_at_start_naming_the_setting(string setting, string accounting)
    {
        await using var sandbox = await InProcessConnections.StartSandboxAsync();
        using var logs = new CapturingLoggerProvider();
        var services = InProcessConnections.Services(logs);
        var psa = setting.StartsWith("ConnectWise", StringComparison.Ordinal) ? "connectwise" : "autotask";
        InProcessConnections.Add(services, "default", sandbox, psa, accounting, Path.Combine(Path.GetTempPath(), $"wisesync-http-{Guid.NewGuid():N}.db"));
        var remote = new Uri("http://example.com/");
        _ = setting switch
        {
            "Xero:ApiBaseUrl" => services.PostConfigure<XeroOptions>("default", o => o.ApiBaseUrl = remote),
            "Xero:IdentityBaseUrl" => services.PostConfigure<XeroOptions>("default", o => o.IdentityBaseUrl = remote),
            "QuickBooks:BaseUrl" => services.PostConfigure<QuickBooksOptions>("default", o => o.BaseUrl = remote),
            "QuickBooks:TokenUrl" => services.PostConfigure<QuickBooksOptions>("default", o => o.TokenUrl = remote),
            "Autotask:ZoneLookupUrl" => services.PostConfigure<AutotaskOptions>("default", o => o.ZoneLookupUrl = remote),
            "Autotask:ZoneUrl" => services.PostConfigure<AutotaskOptions>("default", o => o.ZoneUrl = remote),
            "ConnectWise:SiteUrl" => services.PostConfigure<ConnectWiseOptions>("default", o => o.SiteUrl = remote),
            _ => throw new ArgumentOutOfRangeException(nameof(setting)),
        };

        var error = Record.Exception(() => InProcessConnections.Build(services).Dispose());

        Assert.NotNull(error);
        Assert.True(error is OptionsValidationException or ConfigurationException or AggregateException, error.ToString());
        var message = error is AggregateException all ? string.Join("\n", all.Flatten().InnerExceptions.Select(e => e.Message)) : error.Message;
        Assert.Contains(setting, message, StringComparison.Ordinal);
        Assert.Contains("https", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_to_the_loopback_sandbox_is_accepted()
    {
        await using var sandbox = await InProcessConnections.StartSandboxAsync();
        using var logs = new CapturingLoggerProvider();
        var services = InProcessConnections.Services(logs);
        InProcessConnections.Add(services, "default", sandbox, "autotask", "xero", Path.Combine(Path.GetTempPath(), $"wisesync-http-{Guid.NewGuid():N}.db"));

        Assert.Equal("http", sandbox.BaseUrl.Scheme);
        await using var provider = InProcessConnections.Build(services);
        Assert.NotNull(provider.GetRequiredService<ISyncPipelineFactory>().Create("default"));
    }
}
