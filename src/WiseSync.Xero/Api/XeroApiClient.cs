using System.Net.Http.Headers;
using System.Text;
using WiseSync.Http;

namespace WiseSync.Xero.Api;

/// <summary>
/// The typed client the HTTP plumbing builds (rate limiter, retries, OAuth2 bearer token): sends one Xero request
/// and returns its status and body.
/// </summary>
internal sealed class XeroApiClient(HttpClient http)
{
    public async Task<XeroApiResponse> SendAsync(XeroApiRequest request, CancellationToken cancellationToken)
    {
        using var message = Build(request);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new XeroApiResponse(
            (int)response.StatusCode,
            body,
            XeroLimits.First(response, XeroLimits.ProblemHeader),
            XeroLimits.Number(XeroLimits.First(response, XeroLimits.DayRemainingHeader)),
            response.Headers.RetryAfter?.Delta);
    }

    private static HttpRequestMessage Build(XeroApiRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.PathAndQuery);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.WithRouteTemplate(request.Route);
        if (request.Method == HttpMethod.Get)
        {
            // Xero's reads are GETs (writes are PUT/POST): only they are asked again when their answer cannot be read.
            message.AsJsonRead();
        }
        if (request.TenantId is { Length: > 0 } tenant)
        {
            message.Headers.TryAddWithoutValidation("xero-tenant-id", tenant);
        }

        if (request.IdempotencyKey is { Length: > 0 } key)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            message.WithIdempotencyKey(key);
        }

        if (request.IfModifiedSince is { Length: > 0 } since)
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", since);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }

        return message;
    }
}
