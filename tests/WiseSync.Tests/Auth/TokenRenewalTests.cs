using System.Net;
using Microsoft.Data.Sqlite;
using NodaTime;
using WiseSync.Tests.Fakes;
using WiseSync.Tests.Http;

namespace WiseSync.Tests.Auth;

/// <summary>
/// Renewal of rotating refresh tokens (issue 17 item 3) against the sandbox's token endpoint over real HTTP: the store's
/// cross-process lock, the write check before the endpoint is called, the kept previous refresh token and the retries.
/// </summary>
public sealed class TokenRenewalTests : IDisposable
{
    private static readonly Instant LongAgo = Instant.FromUtc(2020, 1, 1, 0, 0);
    private readonly LedgerFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Four_managers_on_one_ledger_file_redeem_the_refresh_token_once()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await new SqliteTokenStore(_file.Options).SaveAsync("xero", "default", new OAuthTokens("expired", XeroLikeProfile.FirstRefreshToken, LongAgo));

        // Four containers, four stores, four connections to the file: as four processes starting the same connection.
        var containers = Enumerable.Range(0, 4).Select(_ => XeroLikeProfile.Build(sandbox.BaseUrl, 1, new SqliteTokenStore(_file.Options))).ToList();
        try
        {
            var responses = await Task.WhenAll(containers.Select(c => c.Client().GetConnectionsAsync()));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
            var stored = await new SqliteTokenStore(_file.Options).GetAsync("xero", "default");
            Assert.NotEqual(XeroLikeProfile.FirstRefreshToken, stored!.RefreshToken);
            Assert.Equal(XeroLikeProfile.FirstRefreshToken, stored.PreviousRefreshToken);
        }
        finally
        {
            foreach (var container in containers)
            {
                await container.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_locked_ledger_fails_the_renewal_before_the_token_endpoint_is_called()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var options = new SqliteLedgerOptions { DatabasePath = _file.Path, BusyTimeout = TimeSpan.FromMilliseconds(300) };
        await new SqliteTokenStore(options).SaveAsync("xero", "default", new OAuthTokens("expired", XeroLikeProfile.FirstRefreshToken, LongAgo));
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new SqliteTokenStore(options));

        // Another program holds the file's write lock for longer than the busy timeout.
        await using (var locker = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            await locker.OpenAsync();
            await using var transaction = locker.BeginTransaction(deferred: false);

            var ex = await Assert.ThrowsAsync<TokenStoreException>(() => services.Client().GetConnectionsAsync());

            Assert.Contains("locked", ex.Message, StringComparison.Ordinal);
            Assert.Contains(_file.Path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("not presented", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
        using var response = await services.Client().GetConnectionsAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_store_that_cannot_write_fails_the_renewal_before_the_token_endpoint_is_called()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new FlakyStore { RefuseRenewals = true };
        await store.SaveAsync("xero", "default", new OAuthTokens("expired", XeroLikeProfile.FirstRefreshToken, LongAgo));
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);

        await Assert.ThrowsAsync<TokenStoreException>(() => services.Client().GetConnectionsAsync());

        Assert.Equal(0, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
    }

    [Fact]
    public async Task New_tokens_the_store_refused_are_stored_at_the_next_try_without_redeeming_again()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new FlakyStore { FailCommits = 1 };
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);

        var ex = await Assert.ThrowsAsync<TokenStoreException>(() => services.Client().GetConnectionsAsync());
        Assert.Contains("grace window", ex.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync("xero", "default"));

        using var response = await services.Client().GetConnectionsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
        var stored = await store.GetAsync("xero", "default");
        Assert.NotEqual(XeroLikeProfile.FirstRefreshToken, stored!.RefreshToken);
        Assert.Equal(XeroLikeProfile.FirstRefreshToken, stored.PreviousRefreshToken);
    }

    [Fact]
    public async Task A_refused_newest_refresh_token_falls_back_to_the_previous_one_within_the_grace_window()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new SqliteTokenStore(_file.Options);
        var now = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
        await store.SaveAsync("xero", "default", new OAuthTokens("expired", "garbled-refresh-token", LongAgo)
        {
            PreviousRefreshToken = XeroLikeProfile.FirstRefreshToken,
            PreviousRefreshTokenUsableUntil = now + Duration.FromMinutes(10),
        });
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);

        using var response = await services.Client().GetConnectionsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
        var stored = await store.GetAsync("xero", "default");
        Assert.StartsWith("xero-rt-", stored!.RefreshToken, StringComparison.Ordinal);
        Assert.Equal(XeroLikeProfile.FirstRefreshToken, stored.PreviousRefreshToken);
    }

    [Fact]
    public async Task A_previous_refresh_token_past_its_grace_window_is_not_presented()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new SqliteTokenStore(_file.Options);
        await store.SaveAsync("xero", "default", new OAuthTokens("expired", "garbled-refresh-token", LongAgo)
        {
            PreviousRefreshToken = XeroLikeProfile.FirstRefreshToken,
            PreviousRefreshTokenUsableUntil = LongAgo,
        });
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => services.Client().GetConnectionsAsync());

        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("malformed")]
    [InlineData("503")]
    [InlineData("429")]
    public async Task A_lost_or_refused_token_answer_is_asked_again_with_the_same_refresh_token(string fault)
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var store = new SqliteTokenStore(_file.Options);
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, store);
        await sandbox.Admin.AddFaultAsync(fault switch
        {
            "reset" => new { vendor = "xero", pathContains = "/connect/token", reset = true, count = 1 },
            "malformed" => (object)new { vendor = "xero", pathContains = "/connect/token", malformed = true, count = 1 },
            "503" => new { vendor = "xero", pathContains = "/connect/token", status = 503, count = 2 },
            _ => new { vendor = "xero", pathContains = "/connect/token", status = 429, retryAfterSeconds = 0, count = 1 },
        });

        using var response = await services.Client().GetConnectionsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"), 2, 3);
        // A reset or cut answer was acted on: the repeat presented the rotated token within its grace window.
        Assert.Equal(XeroLikeProfile.FirstRefreshToken, (await store.GetAsync("xero", "default"))!.PreviousRefreshToken);
    }

    [Fact]
    public async Task A_503_with_a_long_Retry_After_on_the_token_endpoint_stops_with_the_resume_time()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        await using var services = XeroLikeProfile.Build(sandbox.BaseUrl, 1, new SqliteTokenStore(_file.Options));
        await sandbox.Admin.AddFaultAsync(new { vendor = "xero", pathContains = "/connect/token", status = 503, retryAfterSeconds = 7200, count = 1 });

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => services.Client().GetConnectionsAsync());

        Assert.Equal(RateLimitKind.LongWindow, ex.Kind);
        Assert.NotNull(ex.RetryAt);
        Assert.Equal(1, await sandbox.Admin.CountRequestsAsync("xero", "/connect/token"));
    }

    /// <summary>A store that refuses renewals (as a read-only file) or the first commits (as a full disk).</summary>
    private sealed class FlakyStore : ITokenStore
    {
        private readonly InMemoryTokenStore _inner = new();
        private int _failCommits;

        public bool RefuseRenewals { get; init; }

        public int FailCommits { init => _failCommits = value; }

        public Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default) =>
            _inner.GetAsync(provider, tenant, cancellationToken);

        public Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default) =>
            _inner.SaveAsync(provider, tenant, tokens, cancellationToken);

        public async Task<ITokenRenewal> BeginRenewalAsync(string provider, string tenant, CancellationToken cancellationToken = default)
        {
            if (RefuseRenewals)
            {
                throw new TokenStoreException("The test store is read-only.");
            }

            return new Renewal(this, await _inner.GetAsync(provider, tenant, cancellationToken), provider, tenant);
        }

        private sealed class Renewal(FlakyStore store, OAuthTokens? stored, string provider, string tenant) : ITokenRenewal
        {
            public OAuthTokens? Stored { get; } = stored;

            public Task CommitAsync(OAuthTokens tokens, CancellationToken cancellationToken = default) =>
                Interlocked.Decrement(ref store._failCommits) >= 0
                    ? throw new TokenStoreException("The test store's disk is full.")
                    : store._inner.SaveAsync(provider, tenant, tokens, cancellationToken);

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
