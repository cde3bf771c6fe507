using System.Text.Json.Serialization;

namespace WiseSync.Sandbox;

/// <summary>QuickBooks Online OAuth2 client and realm accepted by the sandbox; append <c>v3/company/{realmId}/{entity}</c> to <see cref="OAuthSandboxCredentials.ApiBaseUrl"/>.</summary>
public sealed class QuickBooksSandboxCredentials : OAuthSandboxCredentials
{
    // The one realm the sandbox serves (CONTRACTS §1).
    internal const string AcceptedRealmId = "9130000000000001";

    /// <summary>The company (realm) id.</summary>
    [JsonPropertyOrder(4)]
    public required string RealmId { get; init; }
}
