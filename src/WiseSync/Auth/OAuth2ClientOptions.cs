using System.Globalization;

namespace WiseSync.Auth;

/// <summary>
/// The OAuth2 client of one vendor connection. The provider sets the vendor's token endpoint and scopes; the host
/// sets the client id and secret. <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class OAuth2ClientOptions
{
    /// <summary>The vendor's token endpoint (https, or http on loopback).</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The app's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret (secret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes, sent with the client-credentials grant.</summary>
    public string? Scopes { get; set; }

    /// <summary>Refresh-token (default) or client-credentials grant.</summary>
    public OAuth2GrantType GrantType { get; set; } = OAuth2GrantType.RefreshToken;

    /// <summary>The refresh token from the first authorisation, used while the token store has none (secret).</summary>
    public string? InitialRefreshToken { get; set; }

    /// <summary>The tenant part of the token store key; the connection name when unset.</summary>
    public string? TenantKey { get; set; }

    /// <summary>How long before expiry the access token is renewed (divided by the client's TimeScale).</summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest a token request may take, its retries included (429, 5xx and dropped connections are retried as the
    /// vendor client's own calls are). The token store's renewal lock is held meanwhile, so keep it well under the ledger's
    /// busy timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the refresh token redeemed by a renewal may still be presented instead of its successor (divided by the
    /// client's TimeScale): the vendor's grace for a client that lost the answer (Xero: 30 minutes, accounting-apis.md 1.1).
    /// The store keeps it until the successor has been used once; zero keeps none.
    /// </summary>
    public TimeSpan RotationGrace { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The response header in which the vendor names a request for its support (set by the provider), quoted with a 401
    /// that fails a call alone.
    /// </summary>
    public string? RequestIdHeader { get; set; }

    /// <summary>Send client id and secret as form fields instead of an HTTP Basic header.</summary>
    public bool ClientCredentialsInBody { get; set; }

    /// <summary>The settings without secrets.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"OAuth2ClientOptions {{ TokenEndpoint = {TokenEndpoint?.GetLeftPart(UriPartial.Path)}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "none" : "***")}, Scopes = {Scopes}, GrantType = {GrantType}, InitialRefreshToken = {(InitialRefreshToken is null ? "none" : "***")}, TenantKey = {TenantKey}, RefreshAhead = {RefreshAhead}, RotationGrace = {RotationGrace} }}");
}
