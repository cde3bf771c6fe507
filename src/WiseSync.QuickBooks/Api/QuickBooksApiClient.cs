using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Http;
using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Api;

/// <summary>
/// The QBO v3 calls the sink makes: query (paged), /batch, company info. Authentication, rate limiting and retries are
/// the plumbing's handlers on the <see cref="HttpClient"/>; this class shapes requests, reads Faults (JSON in any letter
/// case, or XML), repeats a request once after a 500 and names Intuit's <c>intuit_tid</c> in every failure.
/// </summary>
internal sealed partial class QuickBooksApiClient(HttpClient http, QuickBooksOptions options, QuickBooksBatchLimiter batchLimiter, ILogger logger)
{
    /// <summary>GET URLs longer than this go as POST /query with the statement as the body.</summary>
    private const int MaxQueryUrlLength = 1800;

    public const string Vendor = "QuickBooks";

    /// <summary>The response header that carries Intuit's transaction id (the official SDKs read <c>intuit_tid</c>).</summary>
    public const string IntuitTidHeader = "intuit_tid";

    /// <summary>Runs one query page.</summary>
    public async Task<QboQueryResponse> QueryAsync(string statement, CancellationToken cancellationToken)
    {
        var getUrl = CompanyUrl("query", [("query", statement)]);
        var usePost = getUrl.Length > MaxQueryUrlLength;
        var envelope = await SendAsync(
            () =>
            {
                var request = usePost
                    ? new HttpRequestMessage(HttpMethod.Post, CompanyUrl("query"))
                    {
                        // POST /query takes the statement as text (application/text) for statements too long for a URL.
                        Content = new StringContent(statement, Encoding.UTF8, "application/text"),
                    }
                    : new HttpRequestMessage(HttpMethod.Get, getUrl);

                // A query changes nothing, so the plumbing may repeat it like a GET; an unreadable answer is asked again
                // (a batch is not, even one of queries: it is treated as a write).
                return (usePost ? request.WithIdempotencyKey("query") : request).AsJsonRead();
            },
            usePost ? "POST /query" : "GET /query",
            cancellationToken).ConfigureAwait(false);
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
    public async Task<QboBatchAnswer> BatchAsync(IReadOnlyList<QboBatchItemRequest> items, string requestId, CancellationToken cancellationToken)
    {
        var body = Serialize(items);
        using var permit = await batchLimiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var envelope = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, CompanyUrl("batch", [("requestid", requestId)]))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }.WithIdempotencyKey(requestId),
            "POST /batch",
            cancellationToken).ConfigureAwait(false);
        return new QboBatchAnswer(envelope.BatchItemResponse ?? [], envelope.IntuitTid);
    }

    /// <summary>Serializes a batch body the way <see cref="BatchAsync"/> sends it (for deriving request ids).</summary>
    public static string Serialize(IReadOnlyList<QboBatchItemRequest> items) =>
        JsonSerializer.Serialize(new QboBatchRequest(items), QuickBooksJsonContext.Default.QboBatchRequest);

    /// <summary>Reads the company's name and country.</summary>
    public async Task<QboCompanyInfo?> GetCompanyInfoAsync(CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, CompanyUrl("companyinfo/" + Uri.EscapeDataString(options.RealmId))).AsJsonRead(),
            "GET /companyinfo/{id}",
            cancellationToken).ConfigureAwait(false);
        return envelope.CompanyInfo;
    }

    /// <summary>Reads the company's preferences (<c>select * from Preferences</c>: one row per company).</summary>
    public async Task<QboPreferences?> GetPreferencesAsync(CancellationToken cancellationToken)
    {
        var answer = await QueryAsync("select * from Preferences", cancellationToken).ConfigureAwait(false);
        return answer.Preferences is { Count: > 0 } rows ? rows[0] : null;
    }

    /// <summary>
    /// Sends the request <paramref name="build"/> makes and reads the envelope. Every call the client makes is safe to
    /// repeat (a read, or a write carrying a requestid), so a 500 is asked once more: Intuit's advice is to resubmit once
    /// (reference Part 2.3), and a replayed requestid returns the original answer instead of writing twice.
    /// </summary>
    private async Task<QboEnvelope> SendAsync(Func<HttpRequestMessage> build, string route, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build().WithRouteTemplate(route);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var tid = IntuitTid(response);
            var status = (int)response.StatusCode;
            var envelope = TryParse(text);
            var fault = envelope?.Fault ?? envelope?.QueryResponse?.Fault ?? IntuitXmlFault.TryRead(text);
            fault = fault is null ? null : fault with { IntuitTid = tid };

            if (response.StatusCode == HttpStatusCode.TooManyRequests || QuickBooksFaults.HasCode(fault, QuickBooksFaults.Throttled))
            {
                QuickBooksLog.RequestFailed(logger, options.RealmId, route, status, FirstCode(fault), tid ?? "none");

                // Intuit says wait 60 s; the throttle body may even be XML (reference Part 2.3).
                var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? Duration.FromTimeSpan(delta) : Duration.FromSeconds(60 / Math.Max(1d, options.TimeScale));
                throw new RateLimitedException(Vendor, RateLimitKind.ShortWindow, "per-realm request limit", retryAfter);
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                QuickBooksLog.RequestFailed(logger, options.RealmId, route, status, FirstCode(fault), tid ?? "none");
                throw new AuthenticationException(
                    $"QuickBooks refused the credentials of realm {options.RealmId} (HTTP {status}); reconnect the company. {QuickBooksFaults.Describe(WithoutTokens(fault) ?? new QboFault(null, null) { IntuitTid = tid })}");
            }

            if (response.StatusCode == HttpStatusCode.InternalServerError && attempt == 1)
            {
                QuickBooksLog.ServerErrorRepeated(logger, options.RealmId, route, tid ?? "none");
                continue;
            }

            if (!response.IsSuccessStatusCode || fault is not null)
            {
                // A 200 can still carry a Fault (reference Part 2.3), at the top or inside a QueryResponse.
                QuickBooksLog.RequestFailed(logger, options.RealmId, route, status, FirstCode(fault), tid ?? "none");
                throw new QuickBooksFaultException(status, fault ?? new QboFault(null, null) { IntuitTid = tid });
            }

            if (envelope is null)
            {
                QuickBooksLog.RequestFailed(logger, options.RealmId, route, status, "unreadable", tid ?? "none");
                throw new WiseSyncException(
                    $"QuickBooks returned an unreadable answer (HTTP {status}).{(tid is null ? string.Empty : $" [intuit_tid {tid}]")}",
                    new JsonException("The answer is not a JSON object."));
            }

            return envelope with { IntuitTid = tid };
        }
    }

    /// <summary>Logs a batch item's Fault with the answer's <c>intuit_tid</c>.</summary>
    public void ReportItemFault(string purpose, string batchId, QboFault fault, string? intuitTid) =>
        QuickBooksLog.BatchItemFailed(logger, options.RealmId, purpose, batchId, FirstCode(fault), intuitTid ?? "none");

    /// <summary>Intuit's transaction id of an answer: <c>intuit_tid</c> (the SDKs' spelling), or <c>intuit-tid</c> as some proxies rewrite it.</summary>
    internal static string? IntuitTid(HttpResponseMessage response) =>
        (response.Headers.TryGetValues(IntuitTidHeader, out var values) || response.Headers.TryGetValues("intuit-tid", out values))
            ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim()
            : null;

    /// <summary>
    /// Intuit's 401 detail quotes the token it refused ("Token expired: AB0160…", minimul/qbo_api spec/vcr/error/401.yml):
    /// that text never reaches a message. Long opaque runs are blanked; the intuit_tid (short dash-separated parts) stays.
    /// </summary>
    private static QboFault? WithoutTokens(QboFault? fault) => fault is null ? null : fault with
    {
        Error = fault.Error?.Select(e => e with
        {
            Message = e.Message is null ? null : OpaqueRun().Replace(e.Message, "***"),
            Detail = e.Detail is null ? null : OpaqueRun().Replace(e.Detail, "***"),
        }).ToList(),
    };

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z0-9._~+/=]{24,}")]
    private static partial System.Text.RegularExpressions.Regex OpaqueRun();

    private static string FirstCode(QboFault? fault) => fault?.Error?.FirstOrDefault()?.Code ?? "none";

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

/// <summary>The items of a /batch answer and the <c>intuit_tid</c> of that answer.</summary>
internal sealed record QboBatchAnswer(IReadOnlyList<QboBatchItemResponse> Items, string? IntuitTid);
