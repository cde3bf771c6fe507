using System.Text.Json.Serialization;

namespace WiseSync.Sandbox;

/// <summary>Xero OAuth2 client and tenant accepted by the sandbox; <see cref="OAuthSandboxCredentials.ApiBaseUrl"/> is the Accounting API base, ending in <c>api.xro/2.0/</c>.</summary>
public sealed class XeroSandboxCredentials : OAuthSandboxCredentials
{
    // The one tenant the sandbox serves (CONTRACTS §1).
    internal const string AcceptedTenantId = "3f6c2a1e-8b4d-4e7a-9c15-5d0b7e2a9f31";

    /// <summary>The one tenant (the <c>xero-tenant-id</c> header).</summary>
    [JsonPropertyOrder(4)]
    public required string TenantId { get; init; }

    /// <summary>Connections endpoint.</summary>
    [JsonPropertyOrder(6)]
    public required Uri ConnectionsUrl { get; init; }
}
