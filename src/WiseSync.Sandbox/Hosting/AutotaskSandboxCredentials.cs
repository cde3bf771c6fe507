namespace WiseSync.Sandbox;

/// <summary>Autotask API-user headers accepted by the sandbox.</summary>
public sealed class AutotaskSandboxCredentials
{
    // The API user the sandbox accepts (CONTRACTS §1): the emulator checks against these, SandboxCredentials.For hands them out.
    internal const string AcceptedUserName = "api@sandbox.local";
    internal const string AcceptedSecret = "sandbox-secret";
    internal const string AcceptedIntegrationCode = "SANDBOX";

    /// <summary>The <c>UserName</c> header.</summary>
    public required string UserName { get; init; }

    /// <summary>The <c>Secret</c> header.</summary>
    public required string Secret { get; init; }

    /// <summary>The <c>ApiIntegrationCode</c> header.</summary>
    public required string ApiIntegrationCode { get; init; }

    /// <summary>Zone lookup (<c>?user=</c>); answers with <see cref="BaseUrl"/>.</summary>
    public required Uri ZoneInformationUrl { get; init; }

    /// <summary>The zone URL, ending in <c>atservicesrest/</c>: append <c>v1.0/{Entity}</c>.</summary>
    public required Uri BaseUrl { get; init; }
}
