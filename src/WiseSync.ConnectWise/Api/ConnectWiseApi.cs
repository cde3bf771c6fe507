using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WiseSync.ConnectWise.Dto;
using WiseSync.Http;

namespace WiseSync.ConnectWise.Api;

/// <summary>
/// The one place that speaks HTTP to ConnectWise: headers, paging, errors. Rate limiting and retries of 429
/// (Cloudflare in front of the cloud sites, reference/psa-apis.md §2.7) come from the shared plumbing around the HttpClient.
/// </summary>
internal sealed partial class ConnectWiseApi
{
    /// <summary>"We have set a hard limit of 1,000 records" per page (reference/psa-apis.md §2.2).</summary>
    public const int MaxPageSize = 1000;

    private readonly HttpClient _http;

    /// <param name="http">The plumbing's client: base address, rate limiter, retries and the auth headers are already on it.</param>
    public ConnectWiseApi(HttpClient http) => _http = http;

    private Uri BaseAddress => _http.BaseAddress ?? throw new ConfigurationException("ConnectWise:SiteUrl is not set.");

    /// <summary>
    /// Every record matching <paramref name="conditions"/>, using forward-only paging (pageId = last id) and following the
    /// Link rel="next" URL verbatim so the conditions are never dropped on later pages (pyconnectwise #14, reference §2.2).
    /// </summary>
    public async IAsyncEnumerable<T> GetAllAsync<T>(
        string path,
        string? conditions,
        JsonTypeInfo<List<T>> typeInfo,
        string? fields,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            // ConnectWise caps pages at 1,000 records (PSA-Pagination.md, reference §2.2); a larger size is a setting to fix,
            // not something to shrink quietly.
            throw new ConfigurationException($"ConnectWise:PageSize must be between 1 and {MaxPageSize} (ConnectWise's hard limit per page); it is {pageSize}.");
        }

        var query = new List<string> { $"pageSize={pageSize}" };
        if (!string.IsNullOrWhiteSpace(conditions))
        {
            query.Add("conditions=" + Uri.EscapeDataString(conditions));
        }

        if (!string.IsNullOrWhiteSpace(fields))
        {
            query.Add("fields=" + Uri.EscapeDataString(fields));
        }

        Uri? next = new(BaseAddress, path + "?" + string.Join('&', query));
        while (next is not null)
        {
            using var request = NewRequest(HttpMethod.Get, next).AsJsonRead();
            request.Headers.TryAddWithoutValidation("pagination-type", "forward-only");
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var page = await ReadAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                yield return item;
            }

            next = page.Count == 0 ? null : NextLink(response);
        }
    }

    public async Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, new Uri(BaseAddress, pathAndQuery)).AsJsonRead();
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> GetTextAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, new Uri(BaseAddress, pathAndQuery));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    // idempotencyKey: set for writes that are safe to repeat (the plumbing retries only those).
    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, new Uri(BaseAddress, path));
        if (idempotencyKey is not null)
        {
            request.WithIdempotencyKey(idempotencyKey);
        }

        request.Content = new StringContent(JsonSerializer.Serialize(body, requestType), Encoding.UTF8, "application/json");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, responseType, cancellationToken).ConfigureAwait(false);
    }

    public async Task PostAsync<TRequest>(string path, TRequest body, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, new Uri(BaseAddress, path));
        request.Content = new StringContent(JsonSerializer.Serialize(body, requestType), Encoding.UTF8, "application/json");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Delete, new Uri(BaseAddress, path));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // Authorization, clientId and the versioned Accept header are set per attempt by the plumbing's header handler
    // (see ConnectWiseWiseSyncBuilderExtensions).
    private static HttpRequestMessage NewRequest(HttpMethod method, Uri uri) => new(method, uri);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new AuthenticationException(
                    "ConnectWise refused the API keys (401): check the company id, public/private key and clientId. " + error.Describe());
            }

            throw error;
        }
    }

    private static async Task<ConnectWiseApiException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        CwErrorResponse? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, CwJsonContext.Default.CwErrorResponse);
        }
        catch (JsonException)
        {
            // Not the documented error shape (e.g. a Cloudflare page): keep the status only.
        }

        var messages = new List<string>();
        if (!string.IsNullOrWhiteSpace(body?.Message))
        {
            messages.Add(body.Message);
        }

        foreach (var e in body?.Errors ?? [])
        {
            var text1 = e.Field is null ? e.Message : $"{e.Field}: {e.Message}";
            if (!string.IsNullOrWhiteSpace(text1))
            {
                messages.Add(text1);
            }
        }

        return new ConnectWiseApiException(response.StatusCode, body?.Code, messages);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new ConnectWiseApiException(response.StatusCode, "EmptyBody", ["ConnectWise returned an empty body"]);
            }
        }
        catch (JsonException ex)
        {
            throw new ConnectWiseApiException(response.StatusCode, "MalformedBody", [$"ConnectWise returned a body WiseSync cannot read: {ex.Message}"], ex);
        }
    }

    /// <summary>
    /// The rel="next" target of a Link header, e.g. <c>&lt;https://…?pageSize=1000&amp;pageId=42&gt;; rel="next"</c>.
    /// The URL may hold unencoded commas (<c>fields=id,name</c>), so entries are read by their angle brackets, not split on commas.
    /// </summary>
    internal static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var header in values)
        {
            foreach (System.Text.RegularExpressions.Match match in LinkEntry().Matches(header))
            {
                if (match.Groups["rel"].Value.Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(match.Groups["url"].Value.Trim(), UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<(?<url>[^>]*)>\\s*;\\s*rel\\s*=\\s*\"?(?<rel>[^\";,]*)\"?", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LinkEntry();
}
