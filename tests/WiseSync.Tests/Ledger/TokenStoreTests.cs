using Microsoft.Data.Sqlite;
using NodaTime;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Ledger;

public sealed class TokenStoreTests : IDisposable
{
    private readonly LedgerFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Sqlite_token_store_keeps_the_rotated_refresh_token_across_restarts()
    {
        var expires = Instant.FromUtc(2026, 11, 20, 10, 0);
        await new SqliteTokenStore(_file.Options).SaveAsync("xero", "tenant-1", new OAuthTokens("a1", "r1", expires));
        await new SqliteTokenStore(_file.Options).SaveAsync("xero", "tenant-1", new OAuthTokens("a2", "r2", expires + Duration.FromMinutes(30)));
        SqliteConnection.ClearAllPools();
        var tokens = await new SqliteTokenStore(_file.Options).GetAsync("xero", "tenant-1");
        Assert.Equal(new OAuthTokens("a2", "r2", expires + Duration.FromMinutes(30)), tokens);
        Assert.Null(await new SqliteTokenStore(_file.Options).GetAsync("xero", "tenant-2"));
    }

    [Fact]
    public async Task In_memory_token_store_replaces_per_provider_and_tenant()
    {
        var store = new InMemoryTokenStore();
        await store.SaveAsync("qbo", "realm", new OAuthTokens("a", "r", Instant.MinValue));
        await store.SaveAsync("qbo", "realm", new OAuthTokens("b", null, Instant.MinValue));
        Assert.Equal("b", (await store.GetAsync("qbo", "realm"))!.AccessToken);
        Assert.Null(await store.GetAsync("xero", "realm"));
    }
}
