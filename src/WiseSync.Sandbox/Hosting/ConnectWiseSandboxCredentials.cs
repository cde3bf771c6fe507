namespace WiseSync.Sandbox;

/// <summary>ConnectWise API-member keys accepted by the sandbox.</summary>
public sealed class ConnectWiseSandboxCredentials
{
    /// <summary>Company id (the part before <c>+</c> in the Basic user name).</summary>
    public required string CompanyId { get; init; }

    /// <summary>Public key.</summary>
    public required string PublicKey { get; init; }

    /// <summary>Private key (the Basic password).</summary>
    public required string PrivateKey { get; init; }

    /// <summary>The <c>clientId</c> header.</summary>
    public required string ClientId { get; init; }

    /// <summary>API base, ending in <c>apis/3.0/</c>.</summary>
    public required Uri BaseUrl { get; init; }
}
