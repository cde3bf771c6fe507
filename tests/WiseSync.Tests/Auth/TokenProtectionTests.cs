using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Auth;

/// <summary>Tokens at rest in the SQLite store pass through the registered <see cref="ITokenProtector"/> (issue 17 item 8).</summary>
public sealed class TokenProtectionTests : IDisposable
{
    private static readonly Instant Expires = Instant.FromUtc(2026, 11, 20, 10, 0);
    private readonly LedgerFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_registered_protector_keeps_every_token_out_of_the_file_in_plain_text()
    {
        var store = new SqliteTokenStore(_file.Options, new ReversingProtector("test"));
        var tokens = new OAuthTokens("access-secret-1", "refresh-secret-2", Expires)
        {
            PreviousRefreshToken = "refresh-secret-0",
            PreviousRefreshTokenUsableUntil = Expires,
        };

        await store.SaveAsync("xero", "default", tokens);

        var raw = RawRow();
        Assert.All(raw, value => Assert.StartsWith("protected:test:", value, StringComparison.Ordinal));
        Assert.DoesNotContain(raw, value => value.Contains("secret", StringComparison.Ordinal));
        Assert.Equal(tokens, await new SqliteTokenStore(_file.Options, new ReversingProtector("test")).GetAsync("xero", "default"));
    }

    [Fact]
    public async Task Plain_text_is_the_default_and_stays_readable_once_a_protector_is_registered()
    {
        var plain = new OAuthTokens("access-1", "refresh-1", Expires);
        await new SqliteTokenStore(_file.Options).SaveAsync("xero", "default", plain);
        Assert.Equal(["access-1", "refresh-1"], RawRow());

        var protectedStore = new SqliteTokenStore(_file.Options, new ReversingProtector("test"));
        Assert.Equal(plain, await protectedStore.GetAsync("xero", "default"));

        await protectedStore.SaveAsync("xero", "default", plain with { AccessToken = "access-2" });
        Assert.All(RawRow(), value => Assert.StartsWith("protected:test:", value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tokens_protected_by_another_protector_are_reported_not_sent_garbled()
    {
        await new SqliteTokenStore(_file.Options, new ReversingProtector("test")).SaveAsync("xero", "default", new OAuthTokens("a", "r", Expires));

        var other = await Assert.ThrowsAsync<TokenStoreException>(() => new SqliteTokenStore(_file.Options, new ReversingProtector("vault")).GetAsync("xero", "default"));
        var none = await Assert.ThrowsAsync<TokenStoreException>(() => new SqliteTokenStore(_file.Options).GetAsync("xero", "default"));

        Assert.Contains("'test'", other.Message, StringComparison.Ordinal);
        Assert.Contains("'vault'", other.Message, StringComparison.Ordinal);
        Assert.Contains("plain text", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_protector_name_that_cannot_be_stored_is_a_configuration_error() =>
        Assert.Throws<ConfigurationException>(() => new SqliteTokenStore(_file.Options, new ReversingProtector("has:colon")));

    private List<string> RawRow()
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT access_token, refresh_token, previous_refresh_token FROM tokens;";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return Enumerable.Range(0, 3).Where(i => !reader.IsDBNull(i)).Select(reader.GetString).ToList();
    }

    /// <summary>A stand-in for a real protector: base64 of the reversed text (enough to prove the store passes tokens through it).</summary>
    private sealed class ReversingProtector(string name) : ITokenProtector
    {
        public string? Name => name;

        public string Protect(string token) => Convert.ToBase64String(Encoding.UTF8.GetBytes(new string(token.Reverse().ToArray())));

        public string Unprotect(string protectedToken) => new(Encoding.UTF8.GetString(Convert.FromBase64String(protectedToken)).Reverse().ToArray());
    }
}
