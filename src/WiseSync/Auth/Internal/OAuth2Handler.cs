using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using WiseSync.Http.Internal;

namespace WiseSync.Auth.Internal;

/// <summary>Puts the bearer token on each attempt; a 401 renews the token once and sends the request once more.</summary>
internal sealed class OAuth2Handler(OAuth2TokenManager tokens, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Captured before sending: the retry below needs a fresh message with the same body.
        var template = await RequestTemplate.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // A 401 means the vendor did not act on the request, so one more try is safe even for a write.
        AuthLog.Unauthorized(logger, tokens.Vendor, tokens.ConnectionName);
        response.Dispose();
        var renewed = await tokens.GetAccessTokenAsync(token, cancellationToken).ConfigureAwait(false);
        var again = template.Build();
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
    }
}
