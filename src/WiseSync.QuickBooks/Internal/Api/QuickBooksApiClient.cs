using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NodaTime;
using WiseSync.Http;
using WiseSync.QuickBooks.Internal.Json;

namespace WiseSync.QuickBooks.Internal.Api;

/// <summary>
/// The QBO v3 calls the sink makes: query (paged), /batch, company info. Authentication, rate limiting and retries are
/// the plumbing's handlers on the <see cref="HttpClient"/>; this class shapes requests and reads Faults.
/// </summary>
internal sealed class QuickBooksApiClient(HttpClient http, QuickBooksOptions options, QuickBooksBatchLimiter batchLimiter)
{
    /// <summary>GET URLs longer than this go as POST /query with the statement as the body.</summary>
    private const int MaxQueryUrlLength = 1800;

    public const string Vendor = "QuickBooks";

    /// <summary>Runs one query page.</summary>
    public async Task<QboQueryResponse> QueryAsync(string statement, CancellationToken cancellationToken)
    {
        var getUrl = CompanyUrl("query", [("query", statement)]);
        using var request = getUrl.Length <= MaxQueryUrlLength
            ? new HttpRequestMessage(HttpMethod.Get, getUrl)
            : new HttpRequestMessage(HttpMethod.Post, CompanyUrl("query"))
            {
                // POST /query takes the statement as text (application/text) for statements too long for a URL.
                Content = new StringContent(statement, Encoding.UTF8, "application/text"),
            };
        if (request.Method == HttpMethod.Post)
        {
            // A query changes nothing, so the plumbing may repeat it like a GET.
            request.WithIdempotencyKey("query").WithRouteTemplate("POST /query");
        }
        else
        {
            request.WithRouteTemplate("GET /query");
        }

        // A query is a read: an unreadable answer is asked again (a batch is not, even one of queries: it is treated as a write).
        request.AsJsonRead();

        var envelope = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return envelope.QueryResponse ?? new QboQueryResponse();
    }

    /// <summary>Runs a query through every page (STARTPOSITION / MAXRESULTS, 1000 rows each) and collects the rows.</summary>
    public async Task<IReadOnlyList<T>> QueryAllAsync<T>(
        string entity,
        IReadOnlyList<string> conditions,
        Func<QboQueryResponse, IReadOnlyList<T>?> rows,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
        for (var start = 1; ; start += QboQuery.MaxPageSize)
        {
            var page = rows(await QueryAsync(QboQuery.Select(entity, conditions, start), cancellationToken).ConfigureAwait(false)) ?? [];
            all.AddRange(page);
            if (page.Count < QboQuery.MaxPageSize)
            {
                return all;
            }
        }
    }

    /// <summary>Posts one batch (≤ 30 items) with a requestid, so a replay returns the original answer.</summary>
    public async Task<IReadOnlyList<QboBatchItemResponse>> BatchAsync(IReadOnlyList<QboBatchItemRequest> items, string requestId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new QboBatchRequest(items), QuickBooksJsonContext.Default.QboBatchRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, CompanyUrl("batch", [("requestid", requestId)]))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.WithIdempotencyKey(requestId).WithRouteTemplate("POST /batch");
        using var permit = await batchLimiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var envelope = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return envelope.BatchItemResponse ?? [];
    }

    /// <summary>Serializes a batch body the way <see cref="BatchAsync"/> sends it (for deriving request ids).</summary>
    public static string Serialize(IReadOnlyList<QboBatchItemRequest> items) =>
        JsonSerializer.Serialize(new QboBatchRequest(items), QuickBooksJsonContext.Default.QboBatchRequest);

    /// <summary>Reads the company's name.</summary>
    public async Task<QboCompanyInfo?> GetCompanyInfoAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CompanyUrl("companyinfo/" + Uri.EscapeDataString(options.RealmId)))
            .WithRouteTemplate("GET /companyinfo/{id}")
            .AsJsonRead();
        var envelope = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return envelope.CompanyInfo;
    }

    private async Task<QboEnvelope> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var envelope = TryParse(text);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || QuickBooksFaults.HasCode(envelope?.Fault, QuickBooksFaults.Throttled))
        {
            // Intuit says wait 60 s; the throttle body may even be XML (reference Part 2.3).
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? Duration.FromTimeSpan(delta) : Duration.FromSeconds(60 / Math.Max(1d, options.TimeScale));
            throw new RateLimitedException(Vendor, RateLimitKind.ShortWindow, "per-realm request limit", retryAfter);
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new AuthenticationException($"QuickBooks refused the credentials of realm {options.RealmId} (HTTP {(int)response.StatusCode}); reconnect the company. {QuickBooksFaults.Describe(envelope?.Fault)}");
        }

        if (!response.IsSuccessStatusCode || envelope?.Fault is not null)
        {
            // A 200 can still carry a Fault (reference Part 2.3).
            throw new QuickBooksFaultException((int)response.StatusCode, envelope?.Fault);
        }

        return envelope ?? throw new WiseSyncException(
            $"QuickBooks returned an unreadable answer (HTTP {(int)response.StatusCode}).", new JsonException("The answer is not a JSON object."));
    }

    private static QboEnvelope? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, QuickBooksJsonContext.Default.QboEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string CompanyUrl(string relative, IReadOnlyList<(string Name, string Value)>? parameters = null)
    {
        var sb = new StringBuilder(options.ResolveBaseUrl().AbsoluteUri.TrimEnd('/'))
            .Append("/v3/company/").Append(Uri.EscapeDataString(options.RealmId)).Append('/').Append(relative)
            .Append("?minorversion=").Append(options.MinorVersion.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in parameters ?? [])
        {
            sb.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.ToString();
    }
}
