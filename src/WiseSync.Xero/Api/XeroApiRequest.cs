namespace WiseSync.Xero.Api;

/// <summary>One call to Xero.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path under the API host, e.g. <c>api.xro/2.0/Invoices</c>.</param>
/// <param name="Route">The route for telemetry, e.g. <c>PUT /Invoices</c>.</param>
internal sealed record XeroApiRequest(HttpMethod Method, string Path, string Route)
{
    /// <summary>Query parameters, unescaped.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>The JSON body.</summary>
    public string? Body { get; init; }

    /// <summary>The xero-tenant-id header, when the call is for an organisation.</summary>
    public string? TenantId { get; init; }

    /// <summary>The Idempotency-Key header (never sent empty: xero-node#649).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The If-Modified-Since header.</summary>
    public string? IfModifiedSince { get; init; }

    public string PathAndQuery => Query.Count == 0
        ? Path
        : Path + "?" + string.Join("&", Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}
