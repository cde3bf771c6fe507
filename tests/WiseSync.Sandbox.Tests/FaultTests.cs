using System.Net;
using System.Text.Json;

namespace WiseSync.Sandbox.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task A_xero_503_rule_with_count_1_answers_the_next_call_then_retires()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var added = await sandbox.PostJsonAsync("_sandbox/faults", """{"vendor":"xero","status":503,"count":1}""");

        using var first = await sandbox.Http.GetAsync("xero/api.xro/2.0/Organisation");
        using var second = await sandbox.Http.GetAsync("xero/api.xro/2.0/Organisation");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(1, sandbox.Server.GetStats()["xero"].ByStatus["503"]);
    }

    [Fact]
    public async Task A_rule_matches_only_its_method_and_path_and_sends_retry_after()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var _ = await sandbox.PostJsonAsync("_sandbox/faults",
            """{"rules":[{"vendor":"autotask","method":"POST","pathContains":"/Invoices","status":429,"retryAfterSeconds":2,"count":2}]}""");

        using var otherMethod = await sandbox.Http.GetAsync("autotask/atservicesrest/v1.0/Invoices/1");
        using var otherPath = await sandbox.Http.PostAsync("autotask/atservicesrest/v1.0/Companies/query", new StringContent("{}"));
        using var hit1 = await sandbox.Http.PostAsync("autotask/atservicesrest/v1.0/Invoices/query", new StringContent("{}"));
        using var hit2 = await sandbox.Http.PostAsync("autotask/atservicesrest/v1.0/invoices/query", new StringContent("{}"));
        using var retired = await sandbox.Http.PostAsync("autotask/atservicesrest/v1.0/Invoices/query", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, otherMethod.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherPath.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, hit1.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), hit1.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, hit2.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, retired.StatusCode);
        Assert.Equal(2, sandbox.Server.GetStats()["autotask"].Throttled);
    }

    [Fact]
    public async Task Malformed_answers_200_with_a_body_that_does_not_parse()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var (access, _) = await sandbox.XeroTokensAsync();
        using var _ = await sandbox.PostJsonAsync("_sandbox/faults", """{"vendor":"xero","pathContains":"Organisation","malformed":true,"count":1}""");

        using var response = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Reset_drops_the_connection_and_the_next_call_is_normal()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var _ = await sandbox.PostJsonAsync("_sandbox/faults", """{"vendor":"quickbooks","reset":true,"count":1}""");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sandbox.Http.GetAsync("quickbooks/v3/company/9130000000000001/companyinfo/9130000000000001"));
        using var next = await sandbox.Http.GetAsync("quickbooks/v3/company/9130000000000001/companyinfo/9130000000000001");

        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
    }

    [Fact]
    public async Task Delete_clears_every_rule()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var _ = await sandbox.PostJsonAsync("_sandbox/faults", """{"vendor":"connectwise","status":500}""");
        using var faulted = await sandbox.Http.GetAsync("connectwise/v4_6_release/apis/3.0/system/info");

        using var deleted = await sandbox.Http.DeleteAsync("_sandbox/faults");
        using var normal = await sandbox.Http.GetAsync("connectwise/v4_6_release/apis/3.0/system/info");

        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, normal.StatusCode);
    }

    [Fact]
    public async Task Max_concurrent_counts_requests_in_flight_together()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var _ = await sandbox.PostJsonAsync("_sandbox/faults", """{"vendor":"connectwise","delayMs":300,"count":8}""");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sandbox.Http.GetAsync("connectwise/v4_6_release/apis/3.0/system/info")));
        foreach (var response in responses)
            response.Dispose();
        var stats = sandbox.Server.GetStats()["connectwise"];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(8, stats.Requests);
        Assert.InRange(stats.MaxConcurrent, 2, 8);
    }

    [Theory]
    [InlineData("""{"status":503}""")]
    [InlineData("""{"vendor":"sage","status":503}""")]
    [InlineData("""{"vendor":"xero","status":503,"probability":1.5}""")]
    [InlineData("""{"vendor":"xero"}""")]
    public async Task An_invalid_rule_is_refused(string rule)
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var response = await sandbox.PostJsonAsync("_sandbox/faults", rule);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString());
    }
}
