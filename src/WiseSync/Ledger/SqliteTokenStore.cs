using System.Data;
using WiseSync.Ledger.Sqlite;

namespace WiseSync;

/// <summary>
/// Keeps OAuth2 tokens in the ledger file (table <c>tokens</c>), so a rotated refresh token survives a restart. A renewal
/// (<see cref="BeginRenewalAsync"/>) holds the file's write lock (<c>BEGIN IMMEDIATE</c>) from the re-read of the stored
/// tokens to the commit of the new ones, so processes sharing the file renew one at a time and never redeem the same
/// refresh token twice; the operating system releases that lock when a process dies. Tokens pass through the registered
/// <see cref="ITokenProtector"/> (plain text by default).
/// </summary>
public sealed class SqliteTokenStore : ITokenStore
{
    private const string ProtectedPrefix = "protected:";

    private readonly SqliteDatabase _database;
    private readonly ITokenProtector _protector;

    /// <summary>Creates a token store on the ledger file named by <paramref name="options"/>, keeping tokens in plain text.</summary>
    public SqliteTokenStore(SqliteLedgerOptions options)
        : this(options, protector: null)
    {
    }

    /// <summary>Creates a token store on the ledger file named by <paramref name="options"/>, protecting tokens with <paramref name="protector"/>.</summary>
    public SqliteTokenStore(SqliteLedgerOptions options, ITokenProtector? protector)
    {
        // Only the migrations' applied_at stamps read this clock; the token rows carry the vendor's expiry.
        _database = LedgerDatabase.Create(options, SystemClock.Instance);
        _protector = protector ?? PlainTextTokenProtector.Instance;
        if (_protector.Name is { } name && (name.Length is 0 or > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            throw new ConfigurationException($"ITokenProtector.Name '{name}' must be 1 to 40 letters, digits, '-' or '.'.");
        }
    }

    /// <inheritdoc />
    public async Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ReadAsync(db, null, provider, tenant, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, provider, tenant);
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        try
        {
            await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await WriteAsync(db, null, provider, tenant, tokens, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, provider, tenant);
        }
    }

    /// <summary>
    /// Takes the ledger file's write lock (waiting up to <see cref="SqliteLedgerOptions.BusyTimeout"/> for another writer),
    /// writes the token row once (so a read-only file fails here, before any refresh token is redeemed) and reads the
    /// stored tokens under the lock. Other writers of the file wait while a renewal holds it: keep renewals short.
    /// </summary>
    public async Task<ITokenRenewal> BeginRenewalAsync(string provider, string tenant, CancellationToken cancellationToken = default)
    {
        SqliteConnection? db = null;
        SqliteTransaction? transaction = null;
        try
        {
            db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            transaction = db.BeginTransaction(IsolationLevel.Serializable, deferred: false);
            var stored = await ReadAsync(db, transaction, provider, tenant, cancellationToken).ConfigureAwait(false);

            // The probe: rewrites the row (or adds an empty one, rolled back unless the renewal commits) under the lock.
            await using (var probe = db.CreateCommand())
            {
                probe.Transaction = transaction;
                probe.CommandText = """
                    INSERT INTO tokens (provider, tenant, access_token, refresh_token, expires_at) VALUES ($p, $t, NULL, NULL, 0)
                    ON CONFLICT (provider, tenant) DO UPDATE SET expires_at = tokens.expires_at;
                    """;
                probe.Parameters.AddWithValue("$p", provider);
                probe.Parameters.AddWithValue("$t", tenant);
                await probe.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new Renewal(this, db, transaction, provider, tenant, stored);
        }
        catch (Exception ex)
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            if (db is not null)
            {
                await db.DisposeAsync().ConfigureAwait(false);
            }

            if (ex is SqliteException sqlite)
            {
                throw Failure(sqlite, provider, tenant);
            }

            throw;
        }
    }

    private async Task<OAuthTokens?> ReadAsync(SqliteConnection db, SqliteTransaction? transaction, string provider, string tenant, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT access_token, refresh_token, expires_at, previous_refresh_token, previous_usable_until
            FROM tokens WHERE provider = $p AND tenant = $t;
            """;
        command.Parameters.AddWithValue("$p", provider);
        command.Parameters.AddWithValue("$t", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || (reader.IsDBNull(0) && reader.IsDBNull(1)))
        {
            return null;
        }

        return new OAuthTokens(
            Unprotect(reader, 0, provider, tenant),
            Unprotect(reader, 1, provider, tenant),
            Instant.FromUnixTimeTicks(reader.GetInt64(2)))
        {
            PreviousRefreshToken = Unprotect(reader, 3, provider, tenant),
            PreviousRefreshTokenUsableUntil = reader.IsDBNull(4) ? null : Instant.FromUnixTimeTicks(reader.GetInt64(4)),
        };
    }

    private async Task WriteAsync(SqliteConnection db, SqliteTransaction? transaction, string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO tokens (provider, tenant, access_token, refresh_token, expires_at, previous_refresh_token, previous_usable_until)
            VALUES ($p, $t, $a, $r, $e, $pr, $pu)
            ON CONFLICT (provider, tenant) DO UPDATE SET access_token = excluded.access_token,
                refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
                previous_refresh_token = excluded.previous_refresh_token, previous_usable_until = excluded.previous_usable_until;
            """;
        command.Parameters.AddWithValue("$p", provider);
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$a", Protect(tokens.AccessToken));
        command.Parameters.AddWithValue("$r", Protect(tokens.RefreshToken));
        command.Parameters.AddWithValue("$e", tokens.AccessTokenExpiresAt.ToUnixTimeTicks());
        command.Parameters.AddWithValue("$pr", Protect(tokens.PreviousRefreshToken));
        command.Parameters.AddWithValue("$pu", (object?)tokens.PreviousRefreshTokenUsableUntil?.ToUnixTimeTicks() ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private object Protect(string? token) =>
        token is null ? DBNull.Value
        : _protector.Name is { } name ? $"{ProtectedPrefix}{name}:{_protector.Protect(token)}"
        : token;

    private string? Unprotect(SqliteDataReader reader, int ordinal, string provider, string tenant)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var value = reader.GetString(ordinal);
        if (!value.StartsWith(ProtectedPrefix, StringComparison.Ordinal))
        {
            // Stored before protection was turned on (or with the plain default): used as is, protected at the next renewal.
            return value;
        }

        var rest = value.AsSpan(ProtectedPrefix.Length);
        var colon = rest.IndexOf(':');
        var name = colon < 0 ? string.Empty : rest[..colon].ToString();
        if (colon < 0 || _protector.Name != name)
        {
            throw new TokenStoreException(
                $"The {provider} tokens of '{tenant}' in the ledger {_database.DatabasePath} were protected by '{name}', but the configured token protector is '{_protector.Name ?? "plain text"}': register the same ITokenProtector (and its keys) that wrote them.");
        }

        try
        {
            return _protector.Unprotect(rest[(colon + 1)..].ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The protector's own message may describe key material; only its type is passed on.
            throw new TokenStoreException(
                $"The {provider} tokens of '{tenant}' in the ledger {_database.DatabasePath} could not be unprotected by '{name}' ({ex.GetType().Name}): the protector's keys are missing or changed.");
        }
    }

    private TokenStoreException Failure(SqliteException ex, string provider, string tenant)
    {
        var (problem, remedy) = ex.SqliteErrorCode switch
        {
            5 or 6 => ("is locked by another program", "let that program finish (another sync, a database browser holding a write) and run again"),
            8 => ("is read-only", "give the user that runs the sync write access to the file, its -wal and -shm files and their folder"),
            13 => ("is on a full disk", "free some disk space"),
            14 => ("cannot be opened", "check that the path exists and its folder is writable"),
            11 or 26 => ("is damaged", "restore it from a backup"),
            _ => ($"failed (SQLite error {ex.SqliteErrorCode})", "check the file and its folder"),
        };
        return new TokenStoreException($"The ledger {_database.DatabasePath} {problem}, so the {provider} tokens of '{tenant}' cannot be kept: {remedy}.", ex);
    }

    /// <summary>A renewal holding the file's write lock through an open <c>BEGIN IMMEDIATE</c> transaction.</summary>
    private sealed class Renewal(SqliteTokenStore store, SqliteConnection db, SqliteTransaction transaction, string provider, string tenant, OAuthTokens? stored) : ITokenRenewal
    {
        private bool _done;

        public OAuthTokens? Stored { get; } = stored;

        public async Task CommitAsync(OAuthTokens tokens, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(tokens);
            ObjectDisposedException.ThrowIf(_done, this);
            try
            {
                await store.WriteAsync(db, transaction, provider, tenant, tokens, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _done = true;
            }
            catch (SqliteException ex)
            {
                throw store.Failure(ex, provider, tenant);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _done = true;

            // Disposing an uncommitted transaction rolls it back: the store keeps the tokens it had.
            await transaction.DisposeAsync().ConfigureAwait(false);
            await db.DisposeAsync().ConfigureAwait(false);
        }
    }
}
