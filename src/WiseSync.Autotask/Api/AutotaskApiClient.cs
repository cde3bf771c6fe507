using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Autotask.Api.Dto;
using WiseSync.Autotask.Json;

namespace WiseSync.Autotask.Api;

/// <summary>
/// The one place that talks HTTP to Autotask: credentials, limits, retries of refused-for-load requests, errors,
/// and paging by POSTing the same body to <c>nextPageUrl</c> on the zone's host only (reference/psa-apis.md §1.4).
/// </summary>
internal sealed partial class AutotaskApiClient(
    AutotaskOptions options,
    Func<HttpClient> clients,
    AutotaskZoneResolver zones,
    AutotaskRequestGate gate,
    TimeProvider time,
    ILogger logger)
{
    public const int PageSize = 500;
    private const int MaxAttempts = 4;

    public AutotaskZoneResolver Zones => zones;

    public static void AddCredentials(HttpRequestMessage request, AutotaskOptions options)
    {
        request.Headers.TryAddWithoutValidation("ApiIntegrationCode", options.IntegrationCode);
        request.Headers.TryAddWithoutValidation("UserName", options.UserName);
        request.Headers.TryAddWithoutValidation("Secret", options.Secret);
        if (options.ImpersonationResourceId is { } resource)
        {
            request.Headers.TryAddWithoutValidation("ImpersonationResourceId", resource.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

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
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode status;
            string text;
            Duration? retryAfter;
            using (await gate.EnterAsync(endpoint, cancellationToken).ConfigureAwait(false))
            {
                using var request = new HttpRequestMessage(method, uri);
                AddCredentials(request, options);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await clients().SendAsync(request, cancellationToken).ConfigureAwait(false);
                text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return JsonSerializer.Deserialize(text, type);
                }

                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? Duration.FromTimeSpan(delta) : null;
            }

            var error = AutotaskErrorMapper.ToException(status, text, retryAfter, $"{method} {endpoint}");
            if (attempt >= MaxAttempts || !Retriable(error, method))
            {
                throw error;
            }

            var wait = Backoff(attempt, retryAfter);
            LogRetry(logger, method.Method, endpoint, (int)status, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A thread-limit 429 (another integration holds the endpoint's threads) is retried; an hourly-threshold 429 is not
    /// (it lasts up to an hour). A PATCH of the same values is idempotent, so writes are retried too.
    /// </summary>
    private static bool Retriable(Exception error, HttpMethod method) =>
        error is RateLimitedException { Kind: RateLimitKind.Concurrency }
        || (error is VendorValidationException { StatusCode: >= 502 and <= 504 } && method != HttpMethod.Put);

    private static TimeSpan Backoff(int attempt, Duration? retryAfter)
    {
        if (retryAfter is { } given && given > Duration.Zero)
        {
            return given.ToTimeSpan();
        }

        return TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
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

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Autotask {Method} {Endpoint} answered {Status}; retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string method, string endpoint, int status, double delayMs);
}
