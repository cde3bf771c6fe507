namespace WiseSync.Sandbox;

/// <summary>Xero OAuth2 client and tenant accepted by the sandbox.</summary>
public sealed class XeroSandboxCredentials
{
    /// <summary>OAuth2 client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>OAuth2 client secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The first refresh token; each refresh rotates it.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>The one tenant (the <c>xero-tenant-id</c> header).</summary>
    public required string TenantId { get; init; }

    /// <summary>Token endpoint.</summary>
    public required Uri TokenUrl { get; init; }

    /// <summary>Connections endpoint.</summary>
    public required Uri ConnectionsUrl { get; init; }

    /// <summary>Accounting API base, ending in <c>api.xro/2.0/</c>.</summary>
    public required Uri ApiBaseUrl { get; init; }
}
