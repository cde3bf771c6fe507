using NodaTime;

namespace WiseSync;

/// <summary>Durable storage of OAuth2 tokens per (provider, tenant).</summary>
public interface ITokenStore
{
    /// <summary>The stored tokens, or null.</summary>
    Task<OAuthTokens?> GetAsync(string provider, string tenant, CancellationToken cancellationToken = default);

    /// <summary>Stores tokens, replacing what was there.</summary>
    Task SaveAsync(string provider, string tenant, OAuthTokens tokens, CancellationToken cancellationToken = default);
}

/// <summary>An OAuth2 token set. <see cref="ToString"/> never shows a token.</summary>
/// <param name="AccessToken">The access token (secret).</param>
/// <param name="RefreshToken">The refresh token (secret), null for client-credentials grants.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires.</param>
public sealed record OAuthTokens(string? AccessToken, string? RefreshToken, Instant AccessTokenExpiresAt)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"OAuthTokens {{ AccessToken = {(AccessToken is null ? "none" : "***")}, RefreshToken = {(RefreshToken is null ? "none" : "***")}, AccessTokenExpiresAt = {AccessTokenExpiresAt} }}";
}
