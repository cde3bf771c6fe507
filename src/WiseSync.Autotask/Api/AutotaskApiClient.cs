using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Autotask.Dto;
using WiseSync.Http;

namespace WiseSync.Autotask.Api;

/// <summary>
/// The one place that talks HTTP to Autotask (on the plumbing, which adds credentials, the hourly budget and retries):
/// per-endpoint threads, errors,
/// and paging by POSTing the same body to <c>nextPageUrl</c> on the zone's host only (reference/psa-apis.md §1.4).
/// </summary>
internal sealed class AutotaskApiClient(
    Func<HttpClient> clients,
    AutotaskZoneResolver zones,
    AutotaskRequestGate gate,
    ILogger logger)
{
    public const int PageSize = 500;

    public AutotaskZoneResolver Zones => zones;

    /// <summary>Streams every page of <c>POST {entity}/query</c>; each page holds at most 500 records.</summary>
    public async IAsyncEnumerable<IReadOnlyList<T>> QueryAsync<T>(
        string entity,
        IReadOnlyList<AtFilter> filter,
        JsonTypeInfo<AtPage<T>> pageType,
        IReadOnlyList<string>? includeFields = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var zone = await zones.GetAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.Serialize(new AtQuery(filter) { MaxRecords = PageSize, IncludeFields = includeFields }, AutotaskJsonContext.Default.AtQuery);
        var uri = new Uri(zone.ApiRoot, entity + "/query");
        while (true)
        {
            var page = await SendAsync(HttpMethod.Post, entity, uri, body, pageType, cancellationToken).ConfigureAwait(false);
            if (page?.Items is { Count: > 0 } items)
            {
                yield return items;
            }

            if (page?.PageDetails?.NextPageUrl is not { Length: > 0 } next)
            {
                yield break;
            }

            uri = NextPage(zone, next);
        }
    }

    /// <summary>Every record of the entity whose <paramref name="field"/> is one of <paramref name="ids"/>, in lists of at most 500.</summary>
    public async IAsyncEnumerable<T> QueryInAsync<T>(
        string entity,
        string field,
        IEnumerable<long> ids,
        JsonTypeInfo<AtPage<T>> pageType,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var chunk in ids.Distinct().Order().Chunk(AutotaskFilters.MaxInList))
        {
            await foreach (var page in QueryAsync(entity, [AutotaskFilters.In(field, chunk)], pageType, null, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in page)
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary><c>POST {entity}/query/count</c>.</summary>
    public async Task<int> CountAsync(string entity, IReadOnlyList<AtFilter> filter, CancellationToken cancellationToken)
    {
        var zone = await zones.GetAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.Serialize(new AtQuery(filter), AutotaskJsonContext.Default.AtQuery);
        var result = await SendAsync(HttpMethod.Post, entity, new Uri(zone.ApiRoot, entity + "/query/count"), body, AutotaskJsonContext.Default.AtQueryCount, cancellationToken).ConfigureAwait(false);
        return result?.QueryCount ?? 0;
    }

    public async Task<T?> GetAsync<T>(string endpoint, string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var zone = await zones.GetAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(HttpMethod.Get, endpoint, new Uri(zone.ApiRoot, path), null, type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PATCH {entity}: changes only the fields in the body, never PUT (reference §1.3).</summary>
    public async Task<AtOperationResult?> PatchAsync<TBody>(string entity, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken cancellationToken)
    {
        var zone = await zones.GetAsync(cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(body, bodyType);
        return await SendAsync(HttpMethod.Patch, entity, new Uri(zone.ApiRoot, entity), json, AutotaskJsonContext.Default.AtOperationResult, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string endpoint, Uri uri, string? body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        HttpStatusCode status;
        string text;
        Duration? retryAfter;
        using (await gate.EnterAsync(endpoint, cancellationToken).ConfigureAwait(false))
        {
            using var request = new HttpRequestMessage(method, uri).WithRouteTemplate($"{method.Method} /{RouteOf(uri)}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var query = method == HttpMethod.Post && uri.AbsolutePath.Contains("/query", StringComparison.OrdinalIgnoreCase);
            if (method == HttpMethod.Patch || query)
            {
                // A query changes nothing and a PATCH of the same values lands the same way twice: both may be retried.
                request.WithIdempotencyKey($"{method.Method}:{uri.PathAndQuery}:{body?.GetHashCode(StringComparison.Ordinal)}");
            }

            if (method == HttpMethod.Get || query)
            {
                // Only reads are asked again when their answer cannot be read; a PATCH's may be unreadable after it landed.
                request.AsJsonRead();
            }

            using var response = await clients().SendAsync(request, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonSerializer.Deserialize(text, type);
                }
                catch (JsonException) when (method == HttpMethod.Patch)
                {
                    // Autotask documents operational calls as answering 200 with "itemId": n or no JSON at all
                    // (REST_Updating_Data_PATCH.htm): the status proves the change landed, the body is not needed.
                    return default;
                }
                catch (JsonException ex)
                {
                    // A cut or garbled body (proxy, dropped connection) is a vendor failure, not a crash of the host.
                    throw new WiseSyncException($"Autotask returned an unreadable answer to {method.Method} {endpoint} (HTTP {(int)response.StatusCode}).", ex);
                }
            }

            status = response.StatusCode;
            retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? Duration.FromTimeSpan(delta) : null;
        }

        var error = AutotaskErrorMapper.ToException(status, text, retryAfter, $"{method} {endpoint}");
        AutotaskLog.RequestRefused(logger, method.Method, endpoint, (int)status);
        throw error;
    }

    /// <summary>The route without host, version or ids, for telemetry.</summary>
    private static string RouteOf(Uri uri)
    {
        var path = uri.AbsolutePath;
        var at = path.IndexOf("/v1.0/", StringComparison.OrdinalIgnoreCase);
        var route = at >= 0 ? path[(at + 6)..] : path.TrimStart('/');
        return string.Join('/', route.Split('/').Select(p => p.All(char.IsAsciiDigit) && p.Length > 0 ? "{id}" : p));
    }

    /// <summary>Credentials go only to the zone's own host: a foreign nextPageUrl is refused (reference §1.4, pipedream PR #20388).</summary>
    private static Uri NextPage(AutotaskZone zone, string next)
    {
        if (!Uri.TryCreate(next, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, zone.ApiRoot.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, zone.ApiRoot.Authority, StringComparison.OrdinalIgnoreCase)
            || !uri.AbsolutePath.StartsWith(zone.ApiRoot.AbsolutePath, StringComparison.OrdinalIgnoreCase))
        {
            throw new WiseSyncException($"Autotask answered with a next-page URL outside the zone {zone.ApiRoot.Authority}; paging stopped so credentials are not sent elsewhere.");
        }

        return uri;
    }
}
