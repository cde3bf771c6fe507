using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WiseSync.Auth;
using WiseSync.Http;
using WiseSync.Tests.Http;

namespace WiseSync.Tests.Auth;

/// <summary>OAuth2 against the sandbox's Xero token endpoint over real HTTP.</summary>
public sealed class OAuth2TokenManagerTests
{
    [Fact]
    public async Task Twenty_concurrent_requests_with_an_expired_token_cause_one_refresh()
    {
        await using var sandbox = await SandboxHost.StartAsync(timeScale: 60);
        var store = new InMemoryTokenStore();
        await store.SaveAsync("xero", "default", new OAuthTokens("expired-access-token", XeroLikeProfile.FirstRefreshToken, Instant.FromUtc(2020, 1, 1, 0, 0)));
        // No concurrency limit here, so all twenty really ask for a token at once.
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, await sandbox.Admin.TimeScaleAsync(), store,
            http: o => o.Limits = XeroLikeProfile.Limits with { MaxConcurrent = 0 });
        var client = services.Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetConnectionsAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
        Assert.Equal(20, await sandbox.Admin.CountRequestsAsync("xero", "/connections"));
    }

    [Fact]
    public async Task A_rotated_refresh_token_is_in_the_store_before_the_next_request()
    {
        await using var sandbox = await SandboxHost.StartAsync(timeScale: 60);
        var store = new InMemoryTokenStore();
        var probe = new StoreProbeHandler(store);
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, await sandbox.Admin.TimeScaleAsync(), store,
            extra: client => client.HttpClientBuilder.AddHttpMessageHandler(() => probe));
        var client = services.Client();
        var manager = services.GetRequiredKeyedService<OAuth2TokenManager>(VendorHttpClientNames.For("xero", "default"));

        var tenant = await client.GetTenantIdAsync();
        var first = await store.GetAsync("xero", "default");
        // Force a second rotation, as a 401 would.
        await manager.GetAccessTokenAsync(first!.AccessToken);
        using var response = await client.GetOrganisationAsync(tenant);
        var second = await store.GetAsync("xero", "default");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(XeroLikeProfile.FirstRefreshToken, first.RefreshToken);
        Assert.NotEqual(first.RefreshToken, second!.RefreshToken);
        Assert.Equal(2, probe.Checked);
        Assert.Empty(probe.Violations);
    }

    [Fact]
    public async Task A_401_mid_run_on_a_fresh_token_is_asked_again_without_a_rotation()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new InMemoryTokenStore();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);
        var client = services.Client();
        var tenant = await client.GetTenantIdAsync();
        var before = await store.GetAsync("xero", "default");
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 401, count = 1 });

        using var response = await client.GetOrganisationAsync(tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/Organisation"));
        Assert.Equal(before, await store.GetAsync("xero", "default"));
    }

    [Fact]
    public async Task Invalid_grant_asks_to_reauthorise_the_connection_without_showing_the_token()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore(),
            oauth: o => o.InitialRefreshToken = "revoked-refresh-token-123");

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => services.Client().GetConnectionsAsync());

        Assert.Contains("re-authorise", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'default'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-refresh-token-123", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await sandbox.Admin.CountRequestsAsync("xero", "/connections"));
    }

    [Fact]
    public async Task Client_credentials_grant_gets_a_token_without_a_refresh_token()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new InMemoryTokenStore();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store, oauth: o =>
        {
            o.GrantType = OAuth2GrantType.ClientCredentials;
            o.InitialRefreshToken = null;
            o.Scopes = "accounting.transactions accounting.contacts";
        });

        using var response = await services.Client().GetConnectionsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = await store.GetAsync("xero", "default");
        Assert.NotNull(tokens?.AccessToken);
        Assert.Null(tokens!.RefreshToken);
    }

    [Fact]
    public async Task A_captured_log_of_a_faulty_run_contains_no_secret()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new InMemoryTokenStore();
        var logs = new CapturingLoggerProvider();
        var errors = new List<Exception>();
        await using (var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store, logs: logs))
        {
            var client = services.Client();
            var tenant = await client.GetTenantIdAsync();
            await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 503, count = 1 });
            await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 401, count = 1 });
            await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", reset = true, count = 1 });
            await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 429, retryAfterSeconds = 7200, count = 1 });
            for (var i = 0; i < 4; i++)
            {
                try
                {
                    (await client.GetOrganisationAsync(tenant)).Dispose();
                }
                catch (WiseSyncException ex)
                {
                    errors.Add(ex);
                }
            }

            using var post = await client.PostInvoicesAsync(tenant, "key-0002");
        }

        await using (var revoked = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new InMemoryTokenStore(), logs: logs,
            oauth: o => o.InitialRefreshToken = "revoked-refresh-token-456"))
        {
            errors.Add(await Assert.ThrowsAsync<AuthenticationException>(() => revoked.Client().GetConnectionsAsync()));
        }

        var tokens = await store.GetAsync("xero", "default");
        string[] secrets =
        [
            XeroLikeProfile.ClientSecret,
            XeroLikeProfile.FirstRefreshToken,
            "revoked-refresh-token-456",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-client:sandbox-secret")),
            tokens!.AccessToken!,
            tokens.RefreshToken!,
        ];
        var text = logs.Text + string.Join('\n', errors.Select(e => e.ToString()));
        // The run was logged at all, including IHttpClientFactory's own request logging at trace level.
        Assert.Contains("WiseSync.Http", text, StringComparison.Ordinal);
        Assert.Contains("System.Net.Http.HttpClient", text, StringComparison.Ordinal);
        Assert.Contains("Authorization", text, StringComparison.Ordinal);
        Assert.Contains(errors, e => e is RateLimitedException);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        var recorded = await sandbox.Admin.RequestLogTextAsync("xero");
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, recorded, StringComparison.Ordinal));
    }

    /// <summary>Innermost handler: at each request, the store must already hold the token being sent.</summary>
    private sealed class StoreProbeHandler(InMemoryTokenStore store) : DelegatingHandler
    {
        private int _checked;

        public ConcurrentQueue<string> Violations { get; } = new();

        public int Checked => _checked;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _checked);
            var stored = await store.GetAsync("xero", "default", cancellationToken);
            if (stored?.AccessToken != request.Headers.Authorization?.Parameter)
            {
                Violations.Enqueue("the access token sent is not the stored one");
            }

            if (stored?.RefreshToken is null or XeroLikeProfile.FirstRefreshToken)
            {
                Violations.Enqueue("the rotated refresh token was not stored");
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
