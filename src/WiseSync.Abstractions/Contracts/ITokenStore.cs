using NodaTime;

namespace WiseSync;

/// <summary>Durable storage of OAuth2 tokens per (provider, tenant).</summary>
public interface ITokenStore
{
    /// <summary>The stored tokens, or null.</summary>
    Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default);

    /// <summary>Stores tokens, replacing what was there.</summary>
    Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the renewal lock of (<paramref name="provider"/>, <paramref name="tenant"/>) and reads the stored tokens under it,
    /// so a second renewer waits and then finds the first one's new tokens instead of redeeming the same refresh token again.
    /// Before it returns, the store has shown that it can write: a store that cannot (read-only, locked, gone) throws
    /// <see cref="TokenStoreException"/>, so no refresh token is redeemed whose successor could not be kept.
    /// Dispose the renewal to release the lock; <see cref="ITokenRenewal.CommitAsync"/> stores the new set first.
    /// </summary>
    /// <remarks>
    /// The default implementation serialises renewals within this process only and checks nothing. A store shared by
    /// several processes (a file, a database) overrides it with a lock those processes share, as <c>SqliteTokenStore</c> does.
    /// </remarks>
    async Task<ITokenRenewal> BeginRenewalAsync(string provider, string tenant, CancellationToken cancellationToken = default) =>
        await InProcessTokenRenewal.BeginAsync(this, provider, tenant, cancellationToken).ConfigureAwait(false);
}

/// <summary>An OAuth2 token set. <see cref="ToString"/> never shows a token.</summary>
/// <param name="AccessToken">The access token (secret).</param>
/// <param name="RefreshToken">The refresh token (secret), null for client-credentials grants.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires.</param>
public sealed record OAuthTokens(string? AccessToken, string? RefreshToken, Instant AccessTokenExpiresAt)
{
    /// <summary>
    /// The refresh token redeemed for this set (secret), kept until <see cref="RefreshToken"/> has been used once: when
    /// the newest token is refused, the previous one still works within the vendor's grace window (Xero: 30 minutes).
    /// </summary>
    public string? PreviousRefreshToken { get; init; }

    /// <summary>Until when <see cref="PreviousRefreshToken"/> may be presented instead of <see cref="RefreshToken"/>.</summary>
    public Instant? PreviousRefreshTokenUsableUntil { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"OAuthTokens {{ AccessToken = {Hidden(AccessToken)}, RefreshToken = {Hidden(RefreshToken)}, AccessTokenExpiresAt = {AccessTokenExpiresAt}, PreviousRefreshToken = {Hidden(PreviousRefreshToken)}, PreviousRefreshTokenUsableUntil = {PreviousRefreshTokenUsableUntil} }}";

    private static string Hidden(string? secret) => secret is null ? "none" : "***";
}
