using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Auth.Internal;
using WiseSync.Http;

namespace WiseSync.Auth;

/// <summary>
/// Access tokens of one vendor connection. Renews ahead of expiry with one request in flight (concurrent callers
/// await it), stores a rotated refresh token before the new access token is handed out, and turns
/// <c>invalid_grant</c> into an <see cref="AuthenticationException"/> asking to re-authorise the connection.
/// </summary>
/// <remarks>Resolve it as a keyed service with key <see cref="VendorHttpClientNames.For"/>(vendor, connection).</remarks>
public sealed class OAuth2TokenManager
{
    private readonly object _sync = new();
    private readonly OAuth2ClientOptions _options;
    private readonly string _tenantKey;
    private readonly TimeSpan _refreshAhead;
    private readonly double _timeScale;
    private readonly ITokenStore _store;
    private readonly IHttpClientFactory _httpClients;
    private readonly string _tokenClientName;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private OAuthTokens? _current;
    private TaskCompletionSource<OAuthTokens>? _renewal;

    internal OAuth2TokenManager(string vendor, string connectionName, OAuth2ClientOptions options, double timeScale, ITokenStore store,
        IHttpClientFactory httpClients, string tokenClientName, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        Vendor = vendor;
        ConnectionName = connectionName;
        _options = options;
        _tenantKey = options.TenantKey ?? connectionName;
        _refreshAhead = options.RefreshAhead / timeScale;
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

    /// <summary>A valid access token, renewed first when it expires within the refresh margin.</summary>
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        GetAccessTokenAsync(rejectedAccessToken: null, cancellationToken);

    /// <summary>
    /// A valid access token other than <paramref name="rejectedAccessToken"/> (one the vendor just answered 401 to);
    /// many callers rejecting the same token cause one renewal.
    /// </summary>
    public async ValueTask<string> GetAccessTokenAsync(string? rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<OAuthTokens> renewal;
        var owner = false;
        lock (_sync)
        {
            if (_current is { AccessToken: { } current } tokens && current != rejectedAccessToken && IsFresh(tokens))
            {
                return current;
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

    private bool IsFresh(OAuthTokens tokens) =>
        tokens.AccessToken is not null && tokens.AccessTokenExpiresAt - Duration.FromTimeSpan(_refreshAhead) > Now();

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private async Task<OAuthTokens> RenewAsync(string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        // Another process (or an earlier run) may have renewed already; its refresh token is the only valid one now.
        var stored = await _store.GetAsync(Vendor, _tenantKey, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            _redactor.AddSecret(stored.AccessToken);
            _redactor.AddSecret(stored.RefreshToken);
            if (stored.AccessToken != rejectedAccessToken && IsFresh(stored))
            {
                return stored;
            }
        }

        var form = new List<KeyValuePair<string, string>>();
        string? refreshToken = null;
        if (_options.GrantType == OAuth2GrantType.ClientCredentials)
        {
            form.Add(new("grant_type", "client_credentials"));
            if (!string.IsNullOrWhiteSpace(_options.Scopes))
            {
                form.Add(new("scope", _options.Scopes));
            }
        }
        else
        {
            refreshToken = stored?.RefreshToken ?? _options.InitialRefreshToken
                ?? throw new AuthenticationException($"{Vendor} connection '{ConnectionName}' has no refresh token: authorise the connection first.");
            form.Add(new("grant_type", "refresh_token"));
            form.Add(new("refresh_token", refreshToken));
        }

        var response = await RequestTokenAsync(form, cancellationToken).ConfigureAwait(false);
        var expiresIn = response.ExpiresIn is > 0 ? response.ExpiresIn.Value : 0;
        var tokens = new OAuthTokens(
            response.AccessToken,
            _options.GrantType == OAuth2GrantType.ClientCredentials ? null : response.RefreshToken ?? refreshToken,
            // expires_in is in vendor time; a sandbox running its clocks faster expires the token sooner.
            Now() + Duration.FromSeconds(expiresIn / _timeScale));
        _redactor.AddSecret(tokens.AccessToken);
        _redactor.AddSecret(tokens.RefreshToken);

        // Stored before anyone uses the new access token: a rotated refresh token that is lost cannot be recovered.
        await _store.SaveAsync(Vendor, _tenantKey, tokens, cancellationToken).ConfigureAwait(false);
        AuthLog.Renewed(_logger, Vendor, ConnectionName, _options.GrantType, tokens.AccessTokenExpiresAt);
        return tokens;
    }

    private async Task<TokenResponse> RequestTokenAsync(List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
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

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        HttpResponseMessage httpResponse;
        try
        {
            httpResponse = await _httpClients.CreateClient(_tokenClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
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

            if (httpResponse.IsSuccessStatusCode && body?.AccessToken is { Length: > 0 })
            {
                return body;
            }

            var error = Sanitize(body?.Error);
            AuthLog.Refused(_logger, Vendor, ConnectionName, error ?? "no error code", (int)httpResponse.StatusCode);
            throw error switch
            {
                "invalid_grant" => new AuthenticationException(
                    $"{Vendor} no longer accepts the authorisation of connection '{ConnectionName}' (invalid_grant): re-authorise that connection."),
                "invalid_client" or "unauthorized_client" => new AuthenticationException(
                    $"{Vendor} refused the client credentials of connection '{ConnectionName}' ({error}): check its ClientId and ClientSecret."),
                // The status travels as the inner exception EnsureSuccessStatusCode would throw, so a 503 reads as passing.
                _ => new WiseSyncException(
                    $"{Vendor} token endpoint answered HTTP {(int)httpResponse.StatusCode}{(error is null ? string.Empty : $" ({error})")} for connection '{ConnectionName}'.",
                    new HttpRequestException($"HTTP {(int)httpResponse.StatusCode}", null, httpResponse.StatusCode)),
            };
        }
    }

    // OAuth error codes are short ASCII words; anything else is not echoed into a message.
    private static string? Sanitize(string? error) =>
        error is { Length: > 0 and <= 40 } && error.All(c => c is (>= 'a' and <= 'z') or '_') ? error : null;
}
