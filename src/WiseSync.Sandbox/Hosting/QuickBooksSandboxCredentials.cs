namespace WiseSync.Sandbox;

/// <summary>QuickBooks Online OAuth2 client and realm accepted by the sandbox.</summary>
public sealed class QuickBooksSandboxCredentials
{
    /// <summary>OAuth2 client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>OAuth2 client secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The first refresh token; each refresh rotates it.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>The company (realm) id.</summary>
    public required string RealmId { get; init; }

    /// <summary>Token endpoint.</summary>
    public required Uri TokenUrl { get; init; }

    /// <summary>API base: append <c>v3/company/{realmId}/{entity}</c>.</summary>
    public required Uri ApiBaseUrl { get; init; }
}
