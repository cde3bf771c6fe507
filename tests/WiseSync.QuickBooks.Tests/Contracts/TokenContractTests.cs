using Microsoft.Extensions.DependencyInjection;
using System.Text;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>Intuit's token endpoint answers, as Intuit's own SDKs publish them, renew the sink's access token.</summary>
public sealed class TokenContractTests
{
    [Fact]
    public async Task Refresh_answer_published_by_intuit_gives_the_bearer_every_call_carries_and_the_rotated_refresh_token_is_stored()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.CompanyRequest($"companyinfo/{QuickBooksWireMock.RealmId}", "GET"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("php-sdk/companyinfo.json")));

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("TestCompany", result.Message, StringComparison.Ordinal);
        var token = Assert.Single(qbo.TokenRequests()).RequestMessage;
        Assert.Contains("grant_type=refresh_token", token.Body, StringComparison.Ordinal);
        Assert.Contains("refresh_token=" + QuickBooksWireMock.FirstRefreshToken, token.Body, StringComparison.Ordinal);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("contract-client:contract-secret")), token.Headers!["Authorization"].Single());
        var stored = await qbo.Tokens.GetAsync(QuickBooksWiseSyncBuilderExtensions.Vendor, QuickBooksWireMock.RealmId);
        Assert.Equal("sample_refresh_token", stored!.RefreshToken);
        Assert.Equal("sample_access_token", stored.AccessToken);
    }

    [Fact]
    public async Task Refresh_answer_of_the_dotnet_sdk_with_its_long_tokens_is_read()
    {
        var published = VendorSamples.Text("dotnet-sdk/success_refreshtoken_response.json");
        await using var qbo = QuickBooksWireMock.Start(token: published);
        var access = System.Text.Json.JsonDocument.Parse(published.TrimStart('\uFEFF')).RootElement.GetProperty("access_token").GetString()!;
        qbo.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath($"/v3/company/{QuickBooksWireMock.RealmId}/companyinfo/{QuickBooksWireMock.RealmId}")
                .UsingGet().WithHeader("Authorization", "Bearer " + access, WireMock.Matchers.MatchBehaviour.AcceptOnMatch))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("php-sdk/companyinfo.json")));

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        var stored = await qbo.Tokens.GetAsync(QuickBooksWiseSyncBuilderExtensions.Vendor, QuickBooksWireMock.RealmId);
        Assert.Equal("L311478109728uVoOkDSUCl4s8FDRvjHR6kUKz0RHe3WtZQuBq", stored!.RefreshToken);
    }

    [Fact]
    public async Task Invalid_grant_answer_recorded_by_oauth_jsclient_asks_to_reconnect_and_is_not_passing()
    {
        // The mock holds the whole exchange: status, headers (intuit_tid) and the body as the token endpoint sent it.
        using var recorded = System.Text.Json.JsonDocument.Parse(VendorSamples.Text("oauth-jsclient/errorResponse.json"));
        var response = recorded.RootElement.GetProperty("response");
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/oauth2/v1/tokens/bearer").UsingPost()).AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create()
                .WithStatusCode(response.GetProperty("status").GetInt32())
                .WithHeader("Content-Type", response.GetProperty("headers").GetProperty("content-type").GetString()!)
                .WithHeader("intuit_tid", response.GetProperty("headers").GetProperty("intuit_tid").GetString()!)
                .WithBody(response.GetProperty("body").GetString()!));

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient, result.Message);
        Assert.Contains("invalid_grant", result.Message, StringComparison.Ordinal);
        Assert.Empty(qbo.ApiRequests());
    }
}
