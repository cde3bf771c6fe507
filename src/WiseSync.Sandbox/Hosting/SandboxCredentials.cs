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
            UserName = Sandbox.Autotask.AutotaskEmulator.UserName,
            Secret = Sandbox.Autotask.AutotaskEmulator.Secret,
            ApiIntegrationCode = Sandbox.Autotask.AutotaskEmulator.IntegrationCode,
            ZoneInformationUrl = new Uri(baseUrl, "autotask/atservicesrest/v1.0/zoneInformation"),
            BaseUrl = new Uri(baseUrl, "autotask/atservicesrest/"),
        },
        ConnectWise = new ConnectWiseSandboxCredentials
        {
            CompanyId = Sandbox.ConnectWise.ConnectWiseEmulator.CompanyId,
            PublicKey = Sandbox.ConnectWise.ConnectWiseEmulator.PublicKey,
            PrivateKey = Sandbox.ConnectWise.ConnectWiseEmulator.PrivateKey,
            ClientId = Sandbox.ConnectWise.ConnectWiseEmulator.ClientId,
            BaseUrl = new Uri(baseUrl, "connectwise/v4_6_release/apis/3.0/"),
        },
        Xero = new XeroSandboxCredentials
        {
            ClientId = Sandbox.Xero.XeroEmulator.ClientId,
            ClientSecret = Sandbox.Xero.XeroEmulator.ClientSecret,
            RefreshToken = Sandbox.Xero.XeroEmulator.FirstRefreshToken,
            TenantId = Sandbox.Xero.XeroEmulator.TenantId,
            TokenUrl = new Uri(baseUrl, "xero/identity/connect/token"),
            ConnectionsUrl = new Uri(baseUrl, "xero/connections"),
            ApiBaseUrl = new Uri(baseUrl, "xero/api.xro/2.0/"),
        },
        QuickBooks = new QuickBooksSandboxCredentials
        {
            ClientId = Sandbox.QuickBooks.QuickBooksEmulator.ClientId,
            ClientSecret = Sandbox.QuickBooks.QuickBooksEmulator.ClientSecret,
            RefreshToken = Sandbox.QuickBooks.QuickBooksEmulator.FirstRefreshToken,
            RealmId = Sandbox.QuickBooks.QuickBooksEmulator.RealmId,
            TokenUrl = new Uri(baseUrl, "quickbooks/oauth2/v1/tokens/bearer"),
            ApiBaseUrl = new Uri(baseUrl, "quickbooks/"),
        },
    };
}
