using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using WiseSync.Http.Internal;

namespace WiseSync.Auth.Internal;

/// <summary>
/// Puts the bearer token on each attempt. A 401 is asked again (<see cref="OAuth2TokenManager.AfterUnauthorizedAsync"/>):
/// with the same token while it has not expired, then with a renewed one; a 401 to the token this call renewed fails the
/// call alone (<see cref="UnauthorizedCallException"/>, not a run stop), because the vendor has just confirmed the
/// authorisation. Each call renews at most once.
/// </summary>
internal sealed partial class OAuth2Handler(OAuth2TokenManager tokens, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Captured before sending: a repeat needs a fresh message with the same body.
        var template = await RequestTemplate.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var renewed = false;
        while (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // A 401 means the vendor did not act on the request, so asking again is safe even for a write.
            var answer = await VendorAnswerAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            AuthLog.Unauthorized(logger, tokens.Vendor, tokens.ConnectionName);
            var next = await tokens.AfterUnauthorizedAsync(token, renewed, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                AuthLog.RefusedFreshToken(logger, tokens.Vendor, tokens.ConnectionName, answer.RequestId);
                throw new UnauthorizedCallException(
                    $"{tokens.Vendor} refused (HTTP 401) an access token it issued moments ago for connection '{tokens.ConnectionName}', though it still accepts the refresh token: this call failed alone; if every call fails so, check the app's access to the organisation.{answer.Text}{answer.RequestId}");
            }

            (token, var justRenewed) = next.Value;
            renewed |= justRenewed;
            var again = template.Build();
            again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            response = await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>The vendor's own words (secrets redacted, cut short) and its request id, to quote with the failure.</summary>
    private async Task<(string Text, string RequestId)> VendorAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Proxies turn '_' in a header name into '-' (or drop the header): both spellings are looked for.
        var header = tokens.RequestIdHeader;
        var requestId = header is not null
            && (response.Headers.TryGetValues(header, out var values) || response.Headers.TryGetValues(header.Replace('_', '-'), out values))
            && values.FirstOrDefault() is { Length: > 0 } id
            ? $" [{header} {id}]"
            : string.Empty;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = string.Empty;
        }

        // Whatever looks like a token (a long unbroken run of token characters) is blanked: a 401 body may quote one.
        body = TokenLike().Replace(string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), "***");
        const int MaxQuoted = 500;
        var text = body.Length == 0 ? string.Empty : $" {tokens.Vendor} answered: {(body.Length > MaxQuoted ? body[..MaxQuoted] + "…" : body)}";
        return (text, requestId);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Za-z0-9_\-\.=+/]{24,}", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex TokenLike();
}
