using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WiseSync.Auth;
using WiseSync.Auth.Internal;
using WiseSync.Http;
using WiseSync.Testing;
using WiseSync.Tests.Http;
using YamlDotNet.RepresentationModel;

namespace WiseSync.Tests.Auth;

/// <summary>
/// The token endpoint answers the engine reads, proven on vendor-published material rather than on our sandbox alone:
/// Intuit's own recorded answers (Fixtures/quickbooks, served by WireMock.Net with matchers on what we send) and Xero's
/// identity OpenAPI (the fields of its AccessToken schema).
/// </summary>
public sealed class TokenAnswerContractTests : IDisposable
{
    private const string TokenPath = "/oauth2/v1/tokens/bearer";
    private readonly WireMockServer _vendor = WireMockServer.Start();

    public void Dispose() => _vendor.Stop();

    [Fact]
    public async Task Intuits_published_refresh_answer_is_read_and_stored_before_use()
    {
        _vendor.Given(RefreshRequest("published-refresh-token"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(Fixture("refresh-response.json")));
        var store = new InMemoryTokenStore();
        await using var services = Build(store, "published-refresh-token");
        var before = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);

        var access = await Manager(services).GetAccessTokenAsync();

        Assert.Equal("sample_access_token", access);
        var stored = await store.GetAsync("xero", "default");
        Assert.Equal("sample_refresh_token", stored!.RefreshToken);
        Assert.Equal("published-refresh-token", stored.PreviousRefreshToken);
        // expires_in 3600 (QuickBooks' hour), read as seconds.
        Assert.InRange(stored.AccessTokenExpiresAt, before + Duration.FromSeconds(3590), before + Duration.FromSeconds(3700));
        Assert.Single(_vendor.LogEntries);
    }

    [Fact]
    public async Task Intuits_published_invalid_grant_answer_asks_to_reauthorise_without_a_retry()
    {
        _vendor.Given(RefreshRequest("revoked-refresh-token"))
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(Fixture("invalid-grant-response.json")));
        await using var services = Build(new InMemoryTokenStore(), "revoked-refresh-token");

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => Manager(services).GetAccessTokenAsync().AsTask());

        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.Contains("re-authorise", ex.Message, StringComparison.Ordinal);
        Assert.Single(_vendor.LogEntries);
    }

    [SpecFact]
    public void The_token_answer_fields_read_are_those_of_Xeros_identity_spec()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(VendorSpecs.Require("xero-identity.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var accessToken = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["components"])["schemas"])["AccessToken"];
        var properties = (YamlMappingNode)accessToken["properties"];
        var specified = properties.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
        var read = typeof(TokenResponse).GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name)
            .ToHashSet(StringComparer.Ordinal);

        // "error" belongs to the RFC 6749 error answer, which the spec does not describe.
        Assert.Subset(specified, read.Where(name => name != "error").ToHashSet(StringComparer.Ordinal));
        Assert.Equal("integer", ((YamlScalarNode)((YamlMappingNode)properties["expires_in"])["type"]).Value);
    }

    private IRequestBuilder RefreshRequest(string refreshToken) =>
        Request.Create().UsingPost().WithPath(TokenPath)
            .WithHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-client:sandbox-secret")))
            .WithHeader("Accept", "application/json")
            .WithBody((string? body) => body is not null
                && body.Split('&').ToHashSet(StringComparer.Ordinal).SetEquals(["grant_type=refresh_token", $"refresh_token={refreshToken}"]));

    private ServiceProvider Build(ITokenStore store, string refreshToken) =>
        XeroLikeProfile.Build(new Uri(_vendor.Url! + "/"), 1, store, oauth: o =>
        {
            o.TokenEndpoint = new Uri(_vendor.Url + TokenPath);
            o.InitialRefreshToken = refreshToken;
        });

    private static OAuth2TokenManager Manager(IServiceProvider services) =>
        services.GetRequiredKeyedService<OAuth2TokenManager>(VendorHttpClientNames.For("xero", "default"));

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "quickbooks", name));
}
