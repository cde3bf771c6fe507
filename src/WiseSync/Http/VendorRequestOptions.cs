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
