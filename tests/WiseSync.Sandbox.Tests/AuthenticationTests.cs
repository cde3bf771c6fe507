using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace WiseSync.Sandbox.Tests;

public sealed class AuthenticationTests
{
    [Theory]
    [InlineData("autotask/atservicesrest/v1.0/ThresholdInformation")]
    [InlineData("autotask/atservicesrest/v1.0/Invoices/query")]
    [InlineData("connectwise/v4_6_release/apis/3.0/system/info")]
    [InlineData("connectwise/v4_6_release/apis/3.0/finance/invoices")]
    [InlineData("xero/connections")]
    [InlineData("xero/api.xro/2.0/Organisation")]
    [InlineData("xero/api.xro/2.0/Invoices")]
    [InlineData("quickbooks/v3/company/9130000000000001/companyinfo/9130000000000001")]
    [InlineData("quickbooks/v3/company/9130000000000001/query")]
    public async Task Every_vendor_prefix_answers_401_without_credentials(string path)
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var response = await sandbox.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Autotask_accepts_its_sandbox_headers_and_refuses_a_wrong_secret()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var at = sandbox.Credentials.Autotask;

        HttpRequestMessage Request(string secret)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(at.BaseUrl, "v1.0/ThresholdInformation"));
            request.Headers.Add("UserName", at.UserName);
            request.Headers.Add("Secret", secret);
            request.Headers.Add("ApiIntegrationCode", at.ApiIntegrationCode);
            return request;
        }

        using var ok = await sandbox.Http.SendAsync(Request(at.Secret));
        using var wrong = await sandbox.Http.SendAsync(Request("guess"));
        var threshold = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(10000, threshold.GetProperty("externalRequestThreshold").GetInt32());
        Assert.Equal(1, threshold.GetProperty("currentTimeframeRequestCount").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Autotask_zone_lookup_needs_no_auth_and_points_at_this_sandbox()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        var zone = await sandbox.GetJsonAsync("autotask/atservicesrest/v1.0/zoneInformation?user=api@sandbox.local");
        using var unknown = await sandbox.Http.GetAsync("autotask/atservicesrest/v1.0/zoneInformation?user=someone@else");

        Assert.Equal(sandbox.Credentials.Autotask.BaseUrl.AbsoluteUri, zone.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, unknown.StatusCode);
    }

    [Fact]
    public async Task ConnectWise_needs_both_basic_auth_and_the_client_id()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var cw = sandbox.Credentials.ConnectWise;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cw.CompanyId}+{cw.PublicKey}:{cw.PrivateKey}"));

        HttpRequestMessage Request(bool withClientId)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cw.BaseUrl, "system/info"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            if (withClientId)
                request.Headers.Add("clientId", cw.ClientId);
            return request;
        }

        using var ok = await sandbox.Http.SendAsync(Request(withClientId: true));
        using var noClientId = await sandbox.Http.SendAsync(Request(withClientId: false));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noClientId.StatusCode);
    }

    [Fact]
    public async Task Xero_api_without_the_tenant_header_is_403()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var (access, _) = await sandbox.XeroTokensAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "xero/api.xro/2.0/Organisation");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task QuickBooks_token_opens_its_realm_and_no_other()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var token = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        var access = json.GetProperty("access_token").GetString();

        HttpRequestMessage Request(string realm)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"quickbooks/v3/company/{realm}/companyinfo/{realm}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
            return request;
        }

        using var ok = await sandbox.Http.SendAsync(Request("9130000000000001"));
        using var other = await sandbox.Http.SendAsync(Request("9130000000000002"));
        var info = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(3600, json.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("WiseSync Sandbox Inc.", info.GetProperty("CompanyInfo").GetProperty("CompanyName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }
}
