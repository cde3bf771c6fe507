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

/// <summary>Autotask API-user headers accepted by the sandbox.</summary>
public sealed class AutotaskSandboxCredentials
{
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

/// <summary>Xero OAuth2 client and tenant accepted by the sandbox.</summary>
public sealed class XeroSandboxCredentials
{
    /// <summary>OAuth2 client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>OAuth2 client secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The first refresh token; each refresh rotates it.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>The one tenant (the <c>xero-tenant-id</c> header).</summary>
    public required string TenantId { get; init; }

    /// <summary>Token endpoint.</summary>
    public required Uri TokenUrl { get; init; }

    /// <summary>Connections endpoint.</summary>
    public required Uri ConnectionsUrl { get; init; }

    /// <summary>Accounting API base, ending in <c>api.xro/2.0/</c>.</summary>
    public required Uri ApiBaseUrl { get; init; }
}

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
