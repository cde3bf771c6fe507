using System.Net.Http.Json;
using System.Text.Json;
using WiseSync.Http;

namespace WiseSync.Tests.Http;

/// <summary>A test-only typed client for the sandbox's Xero routes (the Xero provider is written elsewhere).</summary>
internal sealed class XeroLikeClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<string> GetTenantIdAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("xero/connections", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        var connections = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return connections[0].GetProperty("tenantId").GetString()!;
    }

    public async Task<HttpResponseMessage> GetConnectionsAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(new Uri("xero/connections", UriKind.Relative), cancellationToken);

    public async Task<HttpResponseMessage> GetOrganisationAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("xero/api.xro/2.0/Organisation", UriKind.Relative)).WithRouteTemplate("GET /Organisation");
        request.Headers.Add("xero-tenant-id", tenantId);
        return await http.SendAsync(request, cancellationToken);
    }

    public async Task<HttpResponseMessage> PostInvoicesAsync(string tenantId, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("xero/api.xro/2.0/Invoices", UriKind.Relative))
        {
            Content = JsonContent.Create(new { Invoices = Array.Empty<object>() }),
        };
        request.Headers.Add("xero-tenant-id", tenantId);
        if (idempotencyKey is not null)
        {
            request.WithIdempotencyKey(idempotencyKey);
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
