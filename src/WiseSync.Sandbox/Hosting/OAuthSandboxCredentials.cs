using System.Text.Json.Serialization;

namespace WiseSync.Sandbox;

/// <summary>What the sandbox's two OAuth2 vendors (Xero, QuickBooks Online) both hand out: a client, its first refresh token and the URLs.</summary>
/// <remarks>The JSON order keeps each vendor's own field (tenant, realm) after the refresh token, as the admin endpoint always wrote it.</remarks>
public abstract class OAuthSandboxCredentials
{
    // The one OAuth2 app both vendors accept (CONTRACTS §1): their authorities default to it, SandboxCredentials.For hands it out.
    internal const string AcceptedClientId = "sandbox-client";
    internal const string AcceptedClientSecret = "sandbox-secret";
    internal const string AcceptedFirstRefreshToken = "sandbox-refresh";

    /// <summary>OAuth2 client id.</summary>
    [JsonPropertyOrder(1)]
    public required string ClientId { get; init; }

    /// <summary>OAuth2 client secret.</summary>
    [JsonPropertyOrder(2)]
    public required string ClientSecret { get; init; }

    /// <summary>The first refresh token; each refresh rotates it.</summary>
    [JsonPropertyOrder(3)]
    public required string RefreshToken { get; init; }

    /// <summary>Token endpoint.</summary>
    [JsonPropertyOrder(5)]
    public required Uri TokenUrl { get; init; }

    /// <summary>API base.</summary>
    [JsonPropertyOrder(7)]
    public required Uri ApiBaseUrl { get; init; }
}
