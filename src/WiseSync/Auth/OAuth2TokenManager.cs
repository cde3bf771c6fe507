using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WiseSync.Auth.Internal;
using WiseSync.Http;
using WiseSync.Http.Internal;

namespace WiseSync.Auth;

/// <summary>
/// Access tokens of one vendor connection. Renews ahead of expiry with one request in flight (concurrent callers await it)
/// under the token store's renewal lock, which also holds across processes sharing the store: the stored tokens are read
/// again once the lock is held, so a second process uses the first one's new tokens instead of redeeming the same refresh
/// token. The store proves it can write before the token endpoint is called, and the new set is stored before its access
/// token is handed out; the refresh token redeemed stays stored for the vendor's grace window and is presented once more
/// when its successor is refused. Only <c>invalid_grant</c> for both becomes an <see cref="AuthenticationException"/>
/// asking to re-authorise the connection.
/// </summary>
/// <remarks>Resolve it as a keyed service with key <see cref="VendorHttpClientNames.For"/>(vendor, connection).</remarks>
public sealed class OAuth2TokenManager
{
    private readonly object _sync = new();
    private readonly OAuth2ClientOptions _options;
    private readonly string _tenantKey;
    private readonly TimeSpan _refreshAhead;
    private readonly TimeSpan _rotationGrace;
    private readonly double _timeScale;
    private readonly ITokenStore _store;
    private readonly IHttpClientFactory _httpClients;
    private readonly string _tokenClientName;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private OAuthTokens? _current;
    private TaskCompletionSource<OAuthTokens>? _renewal;

    // An access token the vendor answered 401 to once while it had not expired: the next 401 to it renews.
    private string? _refusedOnce;

    // A renewal whose new tokens the store could not keep: stored first at the next renewal instead of redeeming again.
    private OAuthTokens? _unsaved;

    internal OAuth2TokenManager(string vendor, string connectionName, OAuth2ClientOptions options, double timeScale, ITokenStore store,
        IHttpClientFactory httpClients, string tokenClientName, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        Vendor = vendor;
        ConnectionName = connectionName;
        _options = options;
        _tenantKey = options.TenantKey ?? connectionName;
        _refreshAhead = options.RefreshAhead / timeScale;
        _rotationGrace = options.RotationGrace > TimeSpan.Zero ? options.RotationGrace / timeScale : TimeSpan.Zero;
        _timeScale = timeScale;
        _store = store;
        _httpClients = httpClients;
        _tokenClientName = tokenClientName;
        _time = time;
        _redactor = redactor;
        _logger = logger;
        redactor.AddSecret(options.ClientSecret);
        redactor.AddSecret(options.InitialRefreshToken);
    }

    /// <summary>The vendor ("xero"), also the provider part of the token store key.</summary>
    public string Vendor { get; }

    /// <summary>The connection whose tokens these are.</summary>
    public string ConnectionName { get; }

    /// <summary>The response header naming a request for the vendor's support, if the provider set one.</summary>
    public string? RequestIdHeader => _options.RequestIdHeader;

    /// <summary>A valid access token, renewed first when it expires within the refresh margin.</summary>
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        GetAccessTokenAsync(rejectedAccessToken: null, cancellationToken);

    /// <summary>
    /// A valid access token other than <paramref name="rejectedAccessToken"/> (renewing unless the store already holds a
    /// newer one); many callers rejecting the same token cause one renewal.
    /// </summary>
    public async ValueTask<string> GetAccessTokenAsync(string? rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<OAuthTokens> renewal;
        var owner = false;
        lock (_sync)
        {
            if (Usable(_current, rejectedAccessToken))
            {
                return _current!.AccessToken!;
            }

            if (_renewal is null)
            {
                _renewal = new TaskCompletionSource<OAuthTokens>(TaskCreationOptions.RunContinuationsAsynchronously);
                owner = true;
            }

            renewal = _renewal;
        }

        if (owner)
        {
            // The renewal is shared: one caller giving up must not cancel it for the others.
            try
            {
                var tokens = await RenewAsync(rejectedAccessToken, CancellationToken.None).ConfigureAwait(false);
                lock (_sync)
                {
                    _current = tokens;
                }

                renewal.SetResult(tokens);
            }
            catch (Exception ex)
            {
                renewal.SetException(ex);
            }
            finally
            {
                lock (_sync)
                {
                    _renewal = null;
                }
            }
        }

        var renewed = await renewal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return renewed.AccessToken!;
    }

    /// <summary>
    /// The access token to send again after the vendor answered 401 to <paramref name="refused"/>, or null when asking again
    /// is pointless. A token that has not expired is sent once more as it is (a passing 401 burns no rotation); a second
    /// 401 renews, which asks the vendor whether the authorisation still stands (<c>invalid_grant</c> throws). When this
    /// call already renewed (<paramref name="renewedInThisCall"/>) and the vendor refuses that token too, the answer is
    /// null: the authorisation stands, so only this call fails.
    /// </summary>
    internal async ValueTask<(string Token, bool Renewed)?> AfterUnauthorizedAsync(string refused, bool renewedInThisCall, CancellationToken cancellationToken)
    {
        OAuthTokens? current;
        lock (_sync)
        {
            current = _current;
        }

        if (Usable(current, refused))
        {
            return (current!.AccessToken!, false);
        }

        // Another process may have renewed meanwhile: its access token is the one to send.
        var stored = await ReadStoredAsync(cancellationToken).ConfigureAwait(false);
        lock (_sync)
        {
            if (Usable(stored, refused))
            {
                _current = stored;
                return (stored!.AccessToken!, false);
            }

            if (renewedInThisCall)
            {
                return null;
            }

            var notExpired = (current?.AccessToken == refused && IsFresh(current)) || (stored?.AccessToken == refused && IsFresh(stored));
            if (notExpired && _refusedOnce != refused)
            {
                _refusedOnce = refused;
                return (refused, false);
            }
        }

        return (await GetAccessTokenAsync(refused, cancellationToken).ConfigureAwait(false), true);
    }

    private bool Usable(OAuthTokens? tokens, string? rejectedAccessToken) =>
        tokens is { AccessToken: { } access } && access != rejectedAccessToken && IsFresh(tokens);

    private bool IsFresh(OAuthTokens? tokens) =>
        tokens?.AccessToken is not null && tokens.AccessTokenExpiresAt - Duration.FromTimeSpan(_refreshAhead) > Now();

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private async Task<OAuthTokens?> ReadStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.GetAsync(Vendor, _tenantKey, cancellationToken).ConfigureAwait(false);
        Remember(stored);
        return stored;
    }

    private void Remember(OAuthTokens? tokens)
    {
        if (tokens is not null)
        {
            _redactor.AddSecret(tokens.AccessToken);
            _redactor.AddSecret(tokens.RefreshToken);
            _redactor.AddSecret(tokens.PreviousRefreshToken);
        }
    }

    private async Task<OAuthTokens> RenewAsync(string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        ITokenRenewal renewal;
        try
        {
            // Another process (or an earlier run) may have renewed already; its refresh token is the only valid one now.
            var current = await ReadStoredAsync(cancellationToken).ConfigureAwait(false);
            if (Usable(current, rejectedAccessToken))
            {
                return current!;
            }

            renewal = await _store.BeginRenewalAsync(Vendor, _tenantKey, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenStoreException ex)
        {
            throw new TokenStoreException(
                $"{ex.Message} The {Vendor} connection '{ConnectionName}' was not renewed and its refresh token was not presented, so it works again once the ledger is fixed.",
                ex.InnerException ?? ex);
        }

        await using (renewal.ConfigureAwait(false))
        {
            // Read again under the lock: whoever held it before may have renewed.
            var stored = renewal.Stored;
            Remember(stored);
            if (Usable(stored, rejectedAccessToken))
            {
                return stored!;
            }

            var basis = stored;
            OAuthTokens? unsaved;
            lock (_sync)
            {
                unsaved = _unsaved;
            }

            if (unsaved is not null && unsaved.PreviousRefreshToken == (stored?.RefreshToken ?? _options.InitialRefreshToken))
            {
                // This process redeemed the stored refresh token but could not store the answer: its tokens are the newest.
                basis = unsaved;
                if (Usable(unsaved, rejectedAccessToken))
                {
                    await CommitAsync(renewal, unsaved).ConfigureAwait(false);
                    return unsaved;
                }
            }

            var tokens = await RedeemAsync(basis, cancellationToken).ConfigureAwait(false);
            await CommitAsync(renewal, tokens).ConfigureAwait(false);
            AuthLog.Renewed(_logger, Vendor, ConnectionName, _options.GrantType, tokens.AccessTokenExpiresAt);
            return tokens;
        }
    }

    /// <summary>Stores the new set under the lock, before anyone uses its access token; a set the store refused is kept for the next renewal.</summary>
    private async Task CommitAsync(ITokenRenewal renewal, OAuthTokens tokens)
    {
        try
        {
            // Not cancellable: once a refresh token is redeemed, keeping the answer is the one thing that matters.
            await renewal.CommitAsync(tokens, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TokenStoreException ex)
        {
            lock (_sync)
            {
                _unsaved = tokens;
            }

            throw new TokenStoreException(
                $"{ex.Message} The {Vendor} connection '{ConnectionName}' was renewed but the new tokens could not be stored: the refresh token the ledger holds stays usable for the vendor's grace window, and this process stores the new ones at its next try.",
                ex.InnerException ?? ex);
        }

        lock (_sync)
        {
            _unsaved = null;
        }
    }

    private async Task<OAuthTokens> RedeemAsync(OAuthTokens? basis, CancellationToken cancellationToken)
    {
        if (_options.GrantType == OAuth2GrantType.ClientCredentials)
        {
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
            if (!string.IsNullOrWhiteSpace(_options.Scopes))
            {
                form.Add(new("scope", _options.Scopes));
            }

            var answer = Accepted(await RequestTokenAsync(form, cancellationToken).ConfigureAwait(false));
            return Issued(answer, refreshToken: null, previous: null, previousUntil: null);
        }

        var refreshToken = basis?.RefreshToken ?? _options.InitialRefreshToken
            ?? throw new AuthenticationException($"{Vendor} connection '{ConnectionName}' has no refresh token: authorise the connection first.");
        var redeemed = refreshToken;
        var result = await RequestTokenAsync(RefreshForm(refreshToken), cancellationToken).ConfigureAwait(false);
        if (result.Error == "invalid_grant"
            && basis is { PreviousRefreshToken: { } previous, PreviousRefreshTokenUsableUntil: { } until }
            && previous != refreshToken && Now() < until)
        {
            // The newest refresh token is refused but its predecessor is within the vendor's grace window: present that.
            AuthLog.PresentingPrevious(_logger, Vendor, ConnectionName);
            redeemed = previous;
            result = await RequestTokenAsync(RefreshForm(previous), cancellationToken).ConfigureAwait(false);
        }

        var response = Accepted(result);
        var rotated = response.RefreshToken is { Length: > 0 } next && next != redeemed;
        return rotated
            ? Issued(response, response.RefreshToken, _rotationGrace > TimeSpan.Zero ? redeemed : null, Now() + Duration.FromTimeSpan(_rotationGrace))
            : Issued(response, redeemed, basis?.PreviousRefreshToken, basis?.PreviousRefreshTokenUsableUntil);
    }

    private static List<KeyValuePair<string, string>> RefreshForm(string refreshToken) =>
        [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)];

    private OAuthTokens Issued(TokenResponse response, string? refreshToken, string? previous, Instant? previousUntil)
    {
        var expiresIn = response.ExpiresIn is > 0 ? response.ExpiresIn.Value : 0;
        var tokens = new OAuthTokens(
            response.AccessToken,
            refreshToken,
            // expires_in is in vendor time; a sandbox running its clocks faster expires the token sooner.
            Now() + Duration.FromSeconds(expiresIn / _timeScale))
        {
            PreviousRefreshToken = previous,
            PreviousRefreshTokenUsableUntil = previous is null ? null : previousUntil,
        };
        Remember(tokens);
        return tokens;
    }

    private TokenResponse Accepted(TokenAnswer answer)
    {
        if (answer.Body is { } body)
        {
            return body;
        }

        AuthLog.Refused(_logger, Vendor, ConnectionName, answer.Error ?? "no error code", answer.Status);
        throw answer.Error switch
        {
            "invalid_grant" => new AuthenticationException(
                $"{Vendor} no longer accepts the authorisation of connection '{ConnectionName}' (invalid_grant): re-authorise that connection."),
            "invalid_client" or "unauthorized_client" => new AuthenticationException(
                $"{Vendor} refused the client credentials of connection '{ConnectionName}' ({answer.Error}): check its ClientId and ClientSecret."),
            // The status travels as the inner exception EnsureSuccessStatusCode would throw, so a 503 reads as passing.
            _ => new WiseSyncException(
                $"{Vendor} token endpoint answered HTTP {answer.Status}{(answer.Error is null ? string.Empty : $" ({answer.Error})")} for connection '{ConnectionName}'.",
                new HttpRequestException($"HTTP {answer.Status}", null, (System.Net.HttpStatusCode)answer.Status)),
        };
    }

    /// <summary>
    /// One token request through the token client, which retries 429, 5xx, dropped connections and cut answers like any
    /// vendor call: safe here, because the lock keeps the refresh token presented the one to present, and a repeat after a
    /// lost answer is what the vendor's grace window is for.
    /// </summary>
    private async Task<TokenAnswer> RequestTokenAsync(List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var endpoint = BaseUrlValidator.Validate(_options.TokenEndpoint, $"{Vendor} connection '{ConnectionName}' TokenEndpoint");
        if (string.IsNullOrEmpty(_options.ClientId) || string.IsNullOrEmpty(_options.ClientSecret))
        {
            throw new ConfigurationException($"{Vendor} connection '{ConnectionName}' needs ClientId and ClientSecret.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (_options.ClientCredentialsInBody)
        {
            form.Add(new("client_id", _options.ClientId));
            form.Add(new("client_secret", _options.ClientSecret));
        }
        else
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(_options.ClientId)}:{Uri.EscapeDataString(_options.ClientSecret)}"));
            _redactor.AddSecret(basic);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent(form);
        request.Options.Set(VendorResilienceHandler.RetrySafeWrite, true);
        request.WithRouteTemplate("POST /token").AsJsonRead();

        HttpResponseMessage httpResponse;
        try
        {
            httpResponse = await _httpClients.CreateClient(_tokenClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new WiseSyncException($"{Vendor} token endpoint could not be reached for connection '{ConnectionName}' ({ex.GetType().Name}).", ex);
        }

        using (httpResponse)
        {
            TokenResponse? body = null;
            try
            {
                var text = await httpResponse.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                body = JsonSerializer.Deserialize(text, AuthJsonContext.Default.TokenResponse);
            }
            catch (JsonException)
            {
                // Handled below: a body that is not a token answer is an error whatever the status.
            }

            return httpResponse.IsSuccessStatusCode && body?.AccessToken is { Length: > 0 }
                ? new TokenAnswer(body, null, (int)httpResponse.StatusCode)
                : new TokenAnswer(null, Sanitize(body?.Error), (int)httpResponse.StatusCode);
        }
    }

    // OAuth error codes are short ASCII words; anything else is not echoed into a message.
    private static string? Sanitize(string? error) =>
        error is { Length: > 0 and <= 40 } && error.All(c => c is (>= 'a' and <= 'z') or '_') ? error : null;

    /// <summary>A token endpoint answer: the token set, or the OAuth error code and HTTP status.</summary>
    private sealed record TokenAnswer(TokenResponse? Body, string? Error, int Status);
}
