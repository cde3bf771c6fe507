namespace WiseSync.Sandbox;

/// <summary>The credentials the sandbox accepts (fixed, see CONTRACTS §1) with the URLs to use them on.</summary>
public sealed class SandboxCredentials
{
    /// <summary>Autotask API user.</summary>
    public required AutotaskSandboxCredentials Autotask { get; init; }

    /// <summary>ConnectWise API member.</summary>
    public required ConnectWiseSandboxCredentials ConnectWise { get; init; }

    /// <summary>Xero OAuth2 app and its one tenant.</summary>
    public required XeroSandboxCredentials Xero { get; init; }

    /// <summary>QuickBooks Online OAuth2 app and its one realm.</summary>
    public required QuickBooksSandboxCredentials QuickBooks { get; init; }

    internal static SandboxCredentials For(Uri baseUrl) => new()
    {
        Autotask = new AutotaskSandboxCredentials
        {
            UserName = AutotaskSandboxCredentials.AcceptedUserName,
            Secret = AutotaskSandboxCredentials.AcceptedSecret,
            ApiIntegrationCode = AutotaskSandboxCredentials.AcceptedIntegrationCode,
            ZoneInformationUrl = new Uri(baseUrl, "autotask/atservicesrest/v1.0/zoneInformation"),
            BaseUrl = new Uri(baseUrl, "autotask/atservicesrest/"),
        },
        ConnectWise = new ConnectWiseSandboxCredentials
        {
            CompanyId = ConnectWiseSandboxCredentials.AcceptedCompanyId,
            PublicKey = ConnectWiseSandboxCredentials.AcceptedPublicKey,
            PrivateKey = ConnectWiseSandboxCredentials.AcceptedPrivateKey,
            ClientId = ConnectWiseSandboxCredentials.AcceptedClientId,
            BaseUrl = new Uri(baseUrl, "connectwise/v4_6_release/apis/3.0/"),
        },
        Xero = new XeroSandboxCredentials
        {
            ClientId = OAuthSandboxCredentials.AcceptedClientId,
            ClientSecret = OAuthSandboxCredentials.AcceptedClientSecret,
            RefreshToken = OAuthSandboxCredentials.AcceptedFirstRefreshToken,
            TenantId = XeroSandboxCredentials.AcceptedTenantId,
            TokenUrl = new Uri(baseUrl, "xero/identity/connect/token"),
            ConnectionsUrl = new Uri(baseUrl, "xero/connections"),
            ApiBaseUrl = new Uri(baseUrl, "xero/api.xro/2.0/"),
        },
        QuickBooks = new QuickBooksSandboxCredentials
        {
            ClientId = OAuthSandboxCredentials.AcceptedClientId,
            ClientSecret = OAuthSandboxCredentials.AcceptedClientSecret,
            RefreshToken = OAuthSandboxCredentials.AcceptedFirstRefreshToken,
            RealmId = QuickBooksSandboxCredentials.AcceptedRealmId,
            TokenUrl = new Uri(baseUrl, "quickbooks/oauth2/v1/tokens/bearer"),
            ApiBaseUrl = new Uri(baseUrl, "quickbooks/"),
        },
    };
}
