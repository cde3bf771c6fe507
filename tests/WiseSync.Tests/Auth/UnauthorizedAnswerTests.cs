using System.Net;
using NodaTime;
using WiseSync.Http;
using WiseSync.Tests.Http;

namespace WiseSync.Tests.Auth;

/// <summary>
/// 401 answers (issue 17 item 5): a passing 401 never reds more than its own call and never burns a rotation while the token
/// has not expired; only the vendor refusing the refresh token (invalid_grant) asks to re-authorise the connection.
/// </summary>
public sealed class UnauthorizedAnswerTests
{
    [Fact]
    public async Task Two_401s_in_a_row_renew_once_and_the_call_succeeds()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new InMemoryTokenStore();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        var before = await store.GetAsync("xero", "default");
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 401, count = 2 });

        using var response = await client.GetOrganisationAsync(tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The same token twice, then one renewal (the vendor confirms the authorisation), then the renewed token.
        Assert.Equal(3, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
        Assert.NotEqual(before!.RefreshToken, (await store.GetAsync("xero", "default"))!.RefreshToken);
    }

    [Fact]
    public async Task A_401_to_the_token_just_renewed_fails_that_call_alone_without_another_rotation()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore());
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 401, count = 40 });

        var ex = await Assert.ThrowsAnyAsync<WiseSyncException>(() => client.GetOrganisationAsync(tenant));

        // Not an AuthenticationException (that stops a run): the refresh token was just accepted, so this call fails alone;
        // a connection test reports it as lasting, since a vendor refusing every fresh token is not waited out.
        Assert.IsNotType<AuthenticationException>(ex);
        Assert.Contains("failed alone", ex.Message, StringComparison.Ordinal);
        Assert.False(TransientFaults.IsTransient(ex, CancellationToken.None));
        Assert.Equal(3, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
        // One renewal for the whole call; the next call works with the renewed token.
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
        using (var cleared = await new HttpClient { BaseAddress = sandbox.BaseUrl }.DeleteAsync("_sandbox/faults"))
        {
            cleared.EnsureSuccessStatusCode();
        }

        using var next = await client.GetOrganisationAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
    }

    [Fact]
    public async Task Two_401s_and_a_refused_refresh_token_ask_to_reauthorise()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new InMemoryTokenStore();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();

        // The access token still works at the vendor, but the authorisation behind it was revoked.
        var tokens = (await store.GetAsync("xero", "default"))!;
        await store.SaveAsync("xero", "default", tokens with { RefreshToken = "revoked-refresh-token-789", PreviousRefreshToken = null });
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 401, count = 2 });

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => client.GetOrganisationAsync(tenant));

        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
    }

    [Fact]
    public async Task A_401_after_another_process_renewed_uses_the_stored_token_without_renewing()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new InMemoryTokenStore();
        await using var first = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);
        await using var second = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);
        var tenant = await first.Client().GetTenantIdAsync();

        // The second "process" renews (as after a 401 of its own); the first still holds the old access token.
        var old = (await store.GetAsync("xero", "default"))!;
        await store.SaveAsync("xero", "default", old with { AccessTokenExpiresAt = Instant.FromUtc(2020, 1, 1, 0, 0) });
        using (var renewed = await second.Client().GetOrganisationAsync(tenant))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 401, count = 1 });
        using var response = await first.Client().GetOrganisationAsync(tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
    }
}
