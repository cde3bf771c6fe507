namespace WiseSync.Http;

/// <summary>Per-request markers a provider sets on an <see cref="HttpRequestMessage"/> before sending it.</summary>
public static class VendorRequestOptions
{
    /// <summary>
    /// The idempotency key of a write. POST, PUT and PATCH are retried only when it is set; the provider also puts the
    /// key where the vendor wants it (a header such as Xero's <c>Idempotency-Key</c>, a query such as QuickBooks'
    /// <c>requestid</c>), and reuses the same key for every attempt of the same logical write.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> IdempotencyKey = new("WiseSync.IdempotencyKey");

    /// <summary>The route template for telemetry ("GET /Invoices/{id}"); without it ids in the path are replaced by {id}.</summary>
    public static readonly HttpRequestOptionsKey<string> RouteTemplate = new("WiseSync.RouteTemplate");

    /// <summary>
    /// Marks a read whose answer is JSON: a GET, or a POST that only queries (it also carries an <see cref="IdempotencyKey"/>).
    /// A success whose body is not well-formed JSON (cut off, a proxy's HTML page) is then retried like a 503, with the same
    /// backoff and attempt budget; after the last attempt the caller gets that answer and reports it as unreadable. Never
    /// set it on a write: its answer can be unreadable after the write landed.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> JsonRead = new("WiseSync.JsonRead");

    /// <summary>Marks the request as a read whose unreadable answer is retried (see <see cref="JsonRead"/>).</summary>
    public static HttpRequestMessage AsJsonRead(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(JsonRead, true);
        return request;
    }

    /// <summary>Marks the request as a retryable write with <paramref name="key"/> (see <see cref="IdempotencyKey"/>).</summary>
    public static HttpRequestMessage WithIdempotencyKey(this HttpRequestMessage request, string key)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(key);
        request.Options.Set(IdempotencyKey, key);
        return request;
    }

    /// <summary>Names the route for telemetry (see <see cref="RouteTemplate"/>).</summary>
    public static HttpRequestMessage WithRouteTemplate(this HttpRequestMessage request, string template)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(template);
        request.Options.Set(RouteTemplate, template);
        return request;
    }
}
