namespace WiseSync.Sandbox.OAuth;

/// <summary>One vendor's token endpoint rules. Lifetimes are vendor time; the authority divides them by the time-scale.</summary>
internal sealed record OAuthAuthorityOptions
{
    public required string Vendor { get; init; }

    // Both OAuth2 vendors accept the sandbox's one app unless a test says otherwise.
    public string ClientId { get; init; } = OAuthSandboxCredentials.AcceptedClientId;
    public string ClientSecret { get; init; } = OAuthSandboxCredentials.AcceptedClientSecret;
    public string FirstRefreshToken { get; init; } = OAuthSandboxCredentials.AcceptedFirstRefreshToken;

    public required TimeSpan AccessTokenLifetime { get; init; }
    public required TimeSpan RefreshTokenLifetime { get; init; }

    /// <summary>How long a rotated refresh token still works.</summary>
    public required TimeSpan RotationGrace { get; init; }

    /// <summary>How many times a rotated refresh token works within <see cref="RotationGrace"/>; null = as many as needed.</summary>
    public int? RotationGraceUses { get; init; }
    public bool AllowClientCredentials { get; init; }
}
