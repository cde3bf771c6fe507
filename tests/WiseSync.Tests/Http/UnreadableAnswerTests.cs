using System.Net;
using System.Text;
using System.Text.Json;
using WiseSync.Http;
using WiseSync.Http.Internal;
using WiseSync.Tests.Auth;

namespace WiseSync.Tests.Http;

/// <summary>A success whose body is not JSON (the sandbox's malformed fault cuts it in half): retried for reads marked AsJsonRead only.</summary>
public sealed class UnreadableAnswerTests
{
    [Fact]
    public async Task A_json_read_answered_unreadably_once_is_sent_again_and_the_caller_gets_the_readable_answer()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", malformed = true, count = 1 });

        using var response = await SendOrganisationAsync(client, tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Organisations").ValueKind);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }

    [Fact]
    public async Task A_json_read_answered_unreadably_every_time_returns_the_last_answer_after_the_attempt_budget()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", malformed = true });

        using var response = await SendOrganisationAsync(client, tenant);

        // The caller reads it and reports the unreadable answer as it always did.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(JsonAnswer.IsWellFormed(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(new VendorHttpOptions().MaxRetryAttempts + 1, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }

    [Fact]
    public async Task A_json_read_answered_no_content_is_not_sent_again()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 204, count = 1 });

        using var response = await SendOrganisationAsync(client, tenant);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }

    [Fact]
    public async Task A_request_not_marked_as_a_json_read_is_not_judged_by_its_body()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Invoices", malformed = true, count = 1 });

        using var response = await client.PostInvoicesAsync(tenant, idempotencyKey: "key-0001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/Invoices"));
    }

    [Theory]
    [InlineData("{\"a\":[1,2,{\"b\":null}]}", true)]
    [InlineData("\uFEFF[]", true)]
    [InlineData("  \"text\"  ", true)]
    [InlineData("{\"a\":[1,2,{\"b\":nu", false)]
    [InlineData("<html><body>Bad gateway</body></html>", false)]
    [InlineData("{} trailing", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void A_body_is_well_formed_only_when_it_is_one_complete_json_value(string body, bool wellFormed) =>
        Assert.Equal(wellFormed, JsonAnswer.IsWellFormed(Encoding.UTF8.GetBytes(body)));

    private static async Task<HttpResponseMessage> SendOrganisationAsync(XeroLikeClient client, string tenant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("xero/api.xro/2.0/Organisation", UriKind.Relative))
            .WithRouteTemplate("GET /Organisation")
            .AsJsonRead();
        request.Headers.Add("xero-tenant-id", tenant);
        return await client.Http.SendAsync(request);
    }
}
