using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace WiseSync.Sandbox.OAuth;

/// <summary>
/// Emulates an OAuth2 token endpoint with rotating refresh tokens: each refresh returns a new refresh token;
/// the old one still works within the grace period (as often as the vendor allows), then answers <c>invalid_grant</c>
/// (accounting-apis.md 1.1 for Xero, 2.1 for QuickBooks).
/// </summary>
internal sealed class OAuthAuthority
{
    private readonly Lock _gate = new();
    private readonly OAuthAuthorityOptions _options;
    private readonly TimeProvider _time;
    private readonly double _timeScale;
    private readonly Dictionary<string, RefreshState> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private int _refreshCalls;

    public OAuthAuthority(OAuthAuthorityOptions options, TimeProvider time, double timeScale)
    {
        _options = options;
        _time = time;
        _timeScale = timeScale;
        RestoreFirstRefreshToken();
    }

    public OAuthAuthorityOptions Options => _options;

    /// <summary>Token requests answered with a new token (refresh and client-credentials grants).</summary>
    public int IssuedCount
    {
        get
        {
            lock (_gate)
                return _refreshCalls;
        }
    }

    /// <summary>Makes the first refresh token usable again (reset); tokens already issued stay valid.</summary>
    public void RestoreFirstRefreshToken()
    {
        lock (_gate)
            _refreshTokens[_options.FirstRefreshToken] = new RefreshState(_time.GetUtcNow() + Scaled(_options.RefreshTokenLifetime));
    }

    public bool IsValidAccessToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        lock (_gate)
            return _accessTokens.TryGetValue(token, out var expires) && _time.GetUtcNow() < expires;
    }

    /// <summary>Reads the Bearer token of a request.</summary>
    public static string? BearerToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;

    public async Task<TokenGrant> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return TokenGrant.Fail("invalid_request");
        var form = await request.ReadFormAsync(cancellationToken);
        if (!ClientAuthenticated(request, form))
            return TokenGrant.Fail("invalid_client", StatusCodes.Status401Unauthorized);

        var grantType = form["grant_type"].ToString();
        return grantType switch
        {
            "refresh_token" => Refresh(form["refresh_token"].ToString()),
            "client_credentials" when _options.AllowClientCredentials => Issue(withRefreshToken: false),
            "" => TokenGrant.Fail("invalid_request"),
            _ => TokenGrant.Fail("unsupported_grant_type"),
        };
    }

    private bool ClientAuthenticated(HttpRequest request, IFormCollection form)
    {
        string? id = form["client_id"], secret = form["client_secret"];
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                    (id, secret) = (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return id == _options.ClientId && secret is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(_options.ClientSecret));
    }

    private TokenGrant Refresh(string refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
            return TokenGrant.Fail("invalid_request");
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var state) || now >= state.Expires)
                return TokenGrant.Fail("invalid_grant");
            if (state.RotatedAt is { } rotatedAt)
            {
                // A rotated token still works within the grace period (for a client that lost the answer), as often as
                // the vendor allows (RotationGraceUses; null = as many times as needed).
                if (state.GraceUses >= (_options.RotationGraceUses ?? int.MaxValue) || now - rotatedAt > Scaled(_options.RotationGrace))
                    return TokenGrant.Fail("invalid_grant");
                state.GraceUses++;
            }
            else
            {
                state.RotatedAt = now;
            }

            return Issue(withRefreshToken: true);
        }
    }

    private TokenGrant Issue(bool withRefreshToken)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _refreshCalls++;
            var access = NewToken("at");
            _accessTokens[access] = now + Scaled(_options.AccessTokenLifetime);
            string? refresh = null;
            if (withRefreshToken)
            {
                refresh = NewToken("rt");
                _refreshTokens[refresh] = new RefreshState(now + Scaled(_options.RefreshTokenLifetime));
            }

            return new TokenGrant(access, refresh, null, StatusCodes.Status200OK);
        }
    }

    private string NewToken(string kind) => $"{_options.Vendor}-{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    private TimeSpan Scaled(TimeSpan vendorTime) => TimeSpan.FromTicks((long)(vendorTime.Ticks / _timeScale));

    private sealed class RefreshState(DateTimeOffset expires)
    {
        public DateTimeOffset Expires { get; } = expires;
        public DateTimeOffset? RotatedAt { get; set; }
        public int GraceUses { get; set; }
    }
}
