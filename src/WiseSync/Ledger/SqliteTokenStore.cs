using NodaTime;
using WiseSync.Ledger.Internal;

namespace WiseSync;

/// <summary>Keeps OAuth2 tokens in the ledger file (table <c>tokens</c>), so a rotated refresh token survives a restart.</summary>
public sealed class SqliteTokenStore : ITokenStore
{
    private readonly SqliteLedgerDatabase _database;

    /// <summary>Creates a token store on the ledger file named by <paramref name="options"/>.</summary>
    public SqliteTokenStore(SqliteLedgerOptions options)
    {
        _database = new SqliteLedgerDatabase(options);
    }

    /// <inheritdoc />
    public async Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT access_token, refresh_token, expires_at FROM tokens WHERE provider = $p AND tenant = $t;";
        command.Parameters.AddWithValue("$p", provider);
        command.Parameters.AddWithValue("$t", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new OAuthTokens(
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            Instant.FromUnixTimeTicks(reader.GetInt64(2)));
    }

    /// <inheritdoc />
    public async Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO tokens (provider, tenant, access_token, refresh_token, expires_at) VALUES ($p, $t, $a, $r, $e)
            ON CONFLICT (provider, tenant) DO UPDATE SET access_token = excluded.access_token,
                refresh_token = excluded.refresh_token, expires_at = excluded.expires_at;
            """;
        command.Parameters.AddWithValue("$p", provider);
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$a", (object?)tokens.AccessToken ?? DBNull.Value);
        command.Parameters.AddWithValue("$r", (object?)tokens.RefreshToken ?? DBNull.Value);
        command.Parameters.AddWithValue("$e", tokens.AccessTokenExpiresAt.ToUnixTimeTicks());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
