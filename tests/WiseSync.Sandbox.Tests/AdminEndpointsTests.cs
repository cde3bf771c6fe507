using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace WiseSync.Sandbox.Tests;

public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task Base_url_has_the_bound_port_and_a_trailing_slash()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        Assert.Equal("127.0.0.1", sandbox.Server.BaseUrl.Host);
        Assert.NotEqual(0, sandbox.Server.BaseUrl.Port);
        Assert.EndsWith("/", sandbox.Server.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(new Uri(sandbox.Server.BaseUrl, "xero/api.xro/2.0/"), sandbox.Credentials.Xero.ApiBaseUrl);
    }

    [Fact]
    public async Task Info_reports_time_scale_seed_and_every_vendor_with_urls_credentials_and_limits()
    {
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { Seed = 7, TimeScale = 60 });

        var info = await sandbox.GetJsonAsync("_sandbox/info");

        Assert.Equal(60, info.GetProperty("timeScale").GetDouble());
        Assert.Equal(7, info.GetProperty("seed").GetInt32());
        var vendors = info.GetProperty("vendors");
        Assert.Equal(["autotask", "connectwise", "xero", "quickbooks"], vendors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(sandbox.Credentials.Xero.TokenUrl.AbsoluteUri, vendors.GetProperty("xero").GetProperty("tokenUrl").GetString());
        Assert.Equal("sandbox-refresh", vendors.GetProperty("quickbooks").GetProperty("refreshToken").GetString());
        Assert.Equal("9130000000000001", vendors.GetProperty("quickbooks").GetProperty("realmId").GetString());
        Assert.Equal(5, vendors.GetProperty("xero").GetProperty("limits").GetProperty("maxConcurrent").GetInt32());
        // ConnectWise publishes no limit; the sandbox emulates Cloudflare's edge with generous numbers.
        Assert.Equal(10, vendors.GetProperty("connectwise").GetProperty("limits").GetProperty("maxConcurrent").GetInt32());
    }

    [Fact]
    public async Task Stats_list_all_four_vendors_in_the_contract_shape()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        var stats = await sandbox.GetJsonAsync("_sandbox/stats");

        foreach (var vendor in new[] { "autotask", "connectwise", "xero", "quickbooks" })
        {
            var v = stats.GetProperty(vendor);
            Assert.Equal(0, v.GetProperty("requests").GetInt32());
            Assert.Equal(0, v.GetProperty("throttled").GetInt32());
            Assert.Equal(0, v.GetProperty("maxConcurrent").GetInt32());
            Assert.Equal(JsonValueKind.Object, v.GetProperty("byRoute").ValueKind);
            Assert.Equal(JsonValueKind.Object, v.GetProperty("byStatus").ValueKind);
        }
    }

    [Fact]
    public async Task Stats_count_routes_without_prefix_or_ids_and_by_status()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        (await sandbox.Http.GetAsync("autotask/atservicesrest/v1.0/Invoices/12345")).Dispose();
        (await sandbox.Http.GetAsync("autotask/atservicesrest/v1.0/Invoices/67890")).Dispose();
        (await sandbox.Http.PostAsync("autotask/atservicesrest/v1.0/Invoices/query", new StringContent("{}"))).Dispose();
        (await sandbox.Http.GetAsync("quickbooks/v3/company/9130000000000001/companyinfo/9130000000000001")).Dispose();
        (await sandbox.XeroTokenAsync("sandbox-refresh")).Dispose();

        var stats = sandbox.Server.GetStats();

        Assert.Equal(2, stats["autotask"].ByRoute["GET /Invoices/{id}"]);
        Assert.Equal(1, stats["autotask"].ByRoute["POST /Invoices/query"]);
        Assert.Equal(3, stats["autotask"].ByStatus["401"]);
        Assert.Equal(3, stats["autotask"].Requests);
        Assert.Equal(1, stats["quickbooks"].ByRoute["GET /companyinfo/{id}"]);
        Assert.Equal(1, stats["xero"].ByRoute["POST /identity/connect/token"]);
        Assert.Equal(1, stats["xero"].ByStatus["200"]);
        Assert.Equal(0, stats["connectwise"].Requests);
    }

    [Fact]
    public async Task State_is_delegated_to_the_vendor_and_unknown_collections_are_404()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        var organisation = await sandbox.GetJsonAsync("_sandbox/state/xero/organisation");
        using var unknownCollection = await sandbox.Http.GetAsync("_sandbox/state/xero/nothing");
        using var unknownVendor = await sandbox.Http.GetAsync("_sandbox/state/sage/invoices");

        Assert.Equal("WiseSync Sandbox Ltd", organisation.GetProperty("Organisations")[0].GetProperty("Name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownCollection.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownVendor.StatusCode);
    }

    [Fact]
    public async Task Pay_is_refused_for_a_psa_and_for_an_unknown_invoice()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var psa = await sandbox.PostJsonAsync("_sandbox/pay", """{"vendor":"autotask","invoiceNumber":"INV-10001","amount":10}""");
        using var missing = await sandbox.PostJsonAsync("_sandbox/pay", """{"vendor":"xero","invoiceNumber":"NOPE-1","amount":10,"date":"2026-11-20"}""");

        Assert.Equal(HttpStatusCode.BadRequest, psa.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Connections_and_organisation_answer_in_xero_shapes()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var (access, _) = await sandbox.XeroTokensAsync();

        using var connectionsRequest = new HttpRequestMessage(HttpMethod.Get, "xero/connections");
        connectionsRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var connections = await sandbox.Http.SendAsync(connectionsRequest);
        var list = JsonDocument.Parse(await connections.Content.ReadAsStringAsync()).RootElement;
        using var organisation = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));
        var org = JsonDocument.Parse(await organisation.Content.ReadAsStringAsync()).RootElement.GetProperty("Organisations")[0];

        Assert.Equal(sandbox.Credentials.Xero.TenantId, list[0].GetProperty("tenantId").GetString());
        Assert.Equal("ORGANISATION", list[0].GetProperty("tenantType").GetString());
        Assert.Equal(sandbox.Credentials.Xero.TenantId, org.GetProperty("OrganisationID").GetString());
        Assert.Equal("USD", org.GetProperty("BaseCurrency").GetString());
        Assert.StartsWith("!", org.GetProperty("ShortCode").GetString(), StringComparison.Ordinal);
    }
}
