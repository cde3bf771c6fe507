using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WiseSync.Sandbox.Recording;

namespace WiseSync.Sandbox.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task The_request_log_holds_bodies_as_sent_but_no_secret()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var (access, refresh) = await sandbox.XeroTokensAsync();
        using (var form = await sandbox.Http.PostAsync("quickbooks/oauth2/v1/tokens/bearer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = "sandbox-refresh",
            ["client_id"] = "sandbox-client",
            ["client_secret"] = "sandbox-secret",
        })))
        {
        }

        using (var at = new HttpRequestMessage(HttpMethod.Post, "autotask/atservicesrest/v1.0/Invoices/query"))
        {
            at.Headers.Add("UserName", "api@sandbox.local");
            at.Headers.Add("Secret", "sandbox-secret");
            at.Headers.Add("ApiIntegrationCode", "SANDBOX");
            at.Content = new StringContent("""{"filter":[{"op":"eq","field":"id","value":70001}],"password":"hunter2"}""", Encoding.UTF8, "application/json");
            (await sandbox.Http.SendAsync(at)).Dispose();
        }

        using (var xero = sandbox.XeroApi(HttpMethod.Get, "Organisation", access))
            (await sandbox.Http.SendAsync(xero)).Dispose();

        var log = await sandbox.Http.GetStringAsync("_sandbox/requests?limit=50");

        foreach (var secret in new[] { "sandbox-secret", "sandbox-refresh", access, refresh, "hunter2", "c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ=" })
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        var entries = JsonDocument.Parse(log).RootElement;
        var query = entries.EnumerateArray().Single(e => e.GetProperty("path").GetString()!.EndsWith("/Invoices/query", StringComparison.Ordinal));
        Assert.Contains("70001", query.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("SANDBOX", query.GetProperty("headers").GetProperty("ApiIntegrationCode").GetString());
    }

    [Fact]
    public async Task The_log_returns_the_last_n_requests_of_a_vendor_newest_last()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        for (var i = 1; i <= 5; i++)
            (await sandbox.Http.GetAsync($"connectwise/v4_6_release/apis/3.0/finance/invoices/{i}")).Dispose();
        (await sandbox.Http.GetAsync("xero/connections")).Dispose();

        var entries = JsonDocument.Parse(await sandbox.Http.GetStringAsync("_sandbox/requests?vendor=connectwise&limit=2")).RootElement;

        Assert.Equal(2, entries.GetArrayLength());
        Assert.EndsWith("/4", entries[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/5", entries[1].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, entries[1].GetProperty("status").GetInt32());
        Assert.Equal("GET", entries[1].GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("GET", "/Invoices/12345", "GET /Invoices/{id}")]
    [InlineData("put", "/Invoices", "PUT /Invoices")]
    [InlineData("POST", "/Invoices/query", "POST /Invoices/query")]
    [InlineData("GET", "/Invoices/INV-10001", "GET /Invoices/{id}")]
    [InlineData("GET", "/Contacts/3f6c2a1e-8b4d-4e7a-9c15-5d0b7e2a9f31", "GET /Contacts/{id}")]
    [InlineData("POST", "/oauth2/v1/tokens/bearer", "POST /oauth2/v1/tokens/bearer")]
    public void Route_keys_drop_ids(string method, string path, string expected) =>
        Assert.Equal(expected, RouteKey.For(method, path));

    [Fact]
    public void Json_bodies_keep_their_data_and_lose_nested_secrets()
    {
        var body = SecretRedactor.Body("""{"Invoices":[{"InvoiceNumber":"INV-1","Contact":{"client_secret":"abc"}}]}""", "application/json");

        Assert.Contains("INV-1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", body, StringComparison.Ordinal);
    }
}
