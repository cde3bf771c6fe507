using System.Text.Json.Serialization;

namespace WiseSync.Sandbox;

/// <summary>QuickBooks Online OAuth2 client and realm accepted by the sandbox; append <c>v3/company/{realmId}/{entity}</c> to <see cref="OAuthSandboxCredentials.ApiBaseUrl"/>.</summary>
public sealed class QuickBooksSandboxCredentials : OAuthSandboxCredentials
{
    /// <summary>The company (realm) id.</summary>
    [JsonPropertyOrder(4)]
    public required string RealmId { get; init; }
}
