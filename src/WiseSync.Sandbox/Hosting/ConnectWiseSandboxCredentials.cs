namespace WiseSync.Sandbox;

/// <summary>ConnectWise API-member keys accepted by the sandbox.</summary>
public sealed class ConnectWiseSandboxCredentials
{
    // The API member the sandbox accepts (CONTRACTS §1): the emulator checks against these, SandboxCredentials.For hands them out.
    internal const string AcceptedCompanyId = "sandbox";
    internal const string AcceptedPublicKey = "sandbox-public";
    internal const string AcceptedPrivateKey = "sandbox-private";
    internal const string AcceptedClientId = "00000000-0000-0000-0000-00000000c0de";

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
