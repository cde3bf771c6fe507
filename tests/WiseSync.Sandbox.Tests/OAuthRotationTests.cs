using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WiseSync.Sandbox.Tests;

public sealed class OAuthRotationTests
{
    [Fact]
    public async Task Each_refresh_returns_a_new_refresh_token_that_works()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        var first = await RefreshAsync(sandbox, "sandbox-refresh");
        var second = await RefreshAsync(sandbox, first.Refresh!);

        Assert.NotEqual("sandbox-refresh", first.Refresh);
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.NotEqual(first.Access, second.Access);
        Assert.Equal(1800, first.ExpiresIn);
    }

    [Fact]
    public async Task A_rotated_Xero_refresh_token_works_as_often_as_needed_within_the_grace_then_invalid_grant()
    {
        var time = SandboxFixture.ManualClock();
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { TimeScale = 60 }, time);

        var rotated = await RefreshAsync(sandbox, "sandbox-refresh");
        time.Advance(TimeSpan.FromSeconds(20)); // 20 min of vendor time at 60x
        var retry = await RefreshAsync(sandbox, "sandbox-refresh");
        time.Advance(TimeSpan.FromSeconds(9));
        var again = await RefreshAsync(sandbox, "sandbox-refresh");
        time.Advance(TimeSpan.FromSeconds(2)); // past the 30 minutes
        using var late = await sandbox.XeroTokenAsync("sandbox-refresh");

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotEqual(rotated.Refresh, retry.Refresh);
        Assert.NotEqual(retry.Refresh, again.Refresh);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal("invalid_grant", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_rotated_QuickBooks_refresh_token_works_once_more_within_the_grace_then_invalid_grant()
    {
        var time = SandboxFixture.ManualClock();
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { TimeScale = 60 }, time);

        using var rotated = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        time.Advance(TimeSpan.FromSeconds(10));
        using var retry = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        using var third = await sandbox.QuickBooksTokenAsync("sandbox-refresh");

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.Contains("invalid_grant", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_refresh_token_after_the_grace_period_is_invalid_grant()
    {
        var time = SandboxFixture.ManualClock();
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { TimeScale = 60 }, time);

        var rotated = await RefreshAsync(sandbox, "sandbox-refresh");
        time.Advance(TimeSpan.FromSeconds(31)); // 31 min of vendor time
        using var late = await sandbox.XeroTokenAsync("sandbox-refresh");
        var current = await RefreshAsync(sandbox, rotated.Refresh!);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("invalid_grant", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, current.Status);
    }

    [Fact]
    public async Task Access_token_expires_after_its_scaled_lifetime()
    {
        var time = SandboxFixture.ManualClock();
        await using var sandbox = await SandboxFixture.StartAsync(new SandboxOptions { TimeScale = 60 }, time);
        var (access, _) = await sandbox.XeroTokensAsync();

        using var fresh = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));
        time.Advance(TimeSpan.FromSeconds(30)); // 1800 s / 60
        using var expired = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", access));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client_and_rotates_nothing()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var wrong = await sandbox.XeroTokenAsync("sandbox-refresh", secret: "not-it");
        var right = await RefreshAsync(sandbox, "sandbox-refresh");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("invalid_client", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.Status);
    }

    [Fact]
    public async Task Xero_client_credentials_grant_gives_an_access_token_without_refresh_token()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var response = await sandbox.Http.PostAsync("xero/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "sandbox-client",
            ["client_secret"] = "sandbox-secret",
        }));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(json.TryGetProperty("refresh_token", out _));
        using var api = await sandbox.Http.SendAsync(sandbox.XeroApi(HttpMethod.Get, "Organisation", json.GetProperty("access_token").GetString()));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task QuickBooks_refresh_tokens_rotate_too()
    {
        await using var sandbox = await SandboxFixture.StartAsync();

        using var first = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        var firstJson = await first.Content.ReadFromJsonAsync<JsonElement>();
        var next = firstJson.GetProperty("refresh_token").GetString()!;
        using var second = await sandbox.QuickBooksTokenAsync(next);
        using var grace = await sandbox.QuickBooksTokenAsync("sandbox-refresh");
        using var dead = await sandbox.QuickBooksTokenAsync("sandbox-refresh");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(next, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.OK, grace.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, dead.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string? Access, string? Refresh, int ExpiresIn)> RefreshAsync(SandboxFixture sandbox, string refreshToken)
    {
        using var response = await sandbox.XeroTokenAsync(refreshToken);
        if (!response.IsSuccessStatusCode)
            return (response.StatusCode, null, null, 0);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, json.GetProperty("access_token").GetString(), json.GetProperty("refresh_token").GetString(), json.GetProperty("expires_in").GetInt32());
    }
}
