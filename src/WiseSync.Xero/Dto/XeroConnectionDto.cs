using System.Text.Json.Serialization;

namespace WiseSync.Xero.Dto;

/// <summary>xero-identity.yaml schemas.Connection.</summary>
internal sealed record XeroConnectionDto
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("tenantId")]
    public string? TenantId { get; init; }

    [JsonPropertyName("tenantType")]
    public string? TenantType { get; init; }

    [JsonPropertyName("tenantName")]
    public string? TenantName { get; init; }
}
