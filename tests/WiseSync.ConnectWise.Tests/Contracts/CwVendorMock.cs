using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WiseSync.Http;

namespace WiseSync.ConnectWise.Tests.Contracts;

/// <summary>
/// WireMock.Net on 127.0.0.1 playing ConnectWise with the samples in Fixtures/connectwise (see SOURCES.md), and a
/// ConnectWise source wired through <c>AddConnectWise</c> against it. Every mapping asserts what the provider sends: a
/// request that matches no mapping is answered 404 by WireMock and fails the test.
/// </summary>
internal sealed class CwVendorMock : IAsyncDisposable
{
    public const string CompanyId = "contractco";
    public const string PublicKey = "contract-public";
    public const string PrivateKey = "contract-private";
    public const string ClientId = "6f1c2a3b-0000-4000-8000-00000000c0de";
    public const string Version = "2025.1";
    public const string ApiPath = "/v4_6_release/apis/3.0/";

    private readonly List<ServiceProvider> _providers = [];

    public CwVendorMock() => Server = WireMockServer.Start([$"http://127.0.0.1:{FreePort()}"]);

    public WireMockServer Server { get; }

    /// <summary>Basic base64("company+public:private") (reference/psa-apis.md §2.1).</summary>
    public static string Authorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CompanyId}+{PublicKey}:{PrivateKey}"));

    /// <summary>A request to <c>/v4_6_release/apis/3.0/{path}</c> that must carry the member's Basic auth, the clientId and the pinned version.</summary>
    public static IRequestBuilder Api(string path) => Request.Create()
        .WithPath(ApiPath + path)
        .WithHeader("Authorization", Authorization)
        .WithHeader("clientId", ClientId)
        .WithHeader("Accept", $"application/vnd.connectwise.com+json; version={Version}");

    /// <summary>A sample's text from Fixtures/connectwise.</summary>
    public static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "connectwise", file));

    public static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", $"application/vnd.connectwise.com+json; version={Version}").WithBody(body);

    public IPsaSource Source(Action<ConnectWiseOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        new Builder("default", services).AddConnectWise(o =>
        {
            o.SiteUrl = new Uri(Server.Url!);
            o.CompanyId = CompanyId;
            o.PublicKey = PublicKey;
            o.PrivateKey = PrivateKey;
            o.ClientId = ClientId;
            o.ApiVersion = Version;
            configure?.Invoke(o);
        });
        services.Configure<VendorHttpOptions>(VendorHttpClientNames.For("connectwise", "default"), o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IPsaSource>("default");
    }

    /// <summary>Requests no mapping matched (each one is something the provider sent wrongly).</summary>
    public IReadOnlyList<string> Unmatched() =>
        Server.LogEntries.Where(e => e.MappingGuid is null).Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url}").ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        Server.Stop();
        Server.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Builder(string Name, IServiceCollection Services) : IWiseSyncBuilder;
}
