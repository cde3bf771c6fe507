using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using System.Net;
using System.Net.Sockets;
using WiseSync.Http;

namespace WiseSync.Autotask.Tests.Contracts;

/// <summary>
/// WireMock.Net on 127.0.0.1 playing Autotask with the samples in Fixtures/autotask (see SOURCES.md), and an Autotask
/// source wired through <c>AddAutotask</c> against it. Every mapping asserts what the provider sends: a request that
/// matches no mapping is answered 404 by WireMock and fails the test.
/// </summary>
internal sealed class AutotaskVendorMock : IAsyncDisposable
{
    public const string UserName = "api-user@contract.example";
    public const string Secret = "contract-secret";
    public const string IntegrationCode = "CONTRACT-TRACKING-ID";

    private readonly List<ServiceProvider> _providers = [];

    /// <param name="zoneAnswer">
    /// The zoneInformation body, given this server's REST root; by default the swagger's
    /// <c>ZoneInformationResultModel</c> with this server as the zone. Either way the lookup is asserted.
    /// </param>
    public AutotaskVendorMock(Func<string, string>? zoneAnswer = null)
    {
        Server = WireMockServer.Start([$"http://127.0.0.1:{FreePort()}"]);

        var zone = zoneAnswer?.Invoke(RestRoot) ?? new JsonObject
        {
            ["zoneName"] = "Contract zone",
            ["url"] = RestRoot,
            ["webUrl"] = Server.Url + "/",
            ["ci"] = 1,
        }.ToJsonString();
        Server.Given(Request.Create().UsingGet().WithPath("/atservicesrest/v1.0/zoneInformation").WithParam("user", UserName))
            .RespondWith(Json(200, zone));
    }

    public WireMockServer Server { get; }

    public string RestRoot => Server.Url + "/atservicesrest/";

    /// <summary>A request to <c>/atservicesrest/v1.0/{path}</c> that must carry the API user's three headers.</summary>
    public static IRequestBuilder Api(string path) => Request.Create()
        .WithPath("/atservicesrest/v1.0/" + path)
        .WithHeader("ApiIntegrationcode", IntegrationCode)
        .WithHeader("UserName", UserName)
        .WithHeader("Secret", Secret);

    /// <summary>A sample's text from Fixtures/autotask.</summary>
    public static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "autotask", file));

    public static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    /// <summary>Whether a request body is a JSON object satisfying <paramref name="check"/>.</summary>
    public static Func<string?, bool> JsonBody(Func<JsonElement, bool> check) => body =>
    {
        if (body is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return check(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    };

    public IPsaSource Source()
    {
        var services = new ServiceCollection();
        new Builder("default", services).AddAutotask(o =>
        {
            o.UserName = UserName;
            o.Secret = Secret;
            o.IntegrationCode = IntegrationCode;
            o.ZoneLookupUrl = new Uri(RestRoot);
        });
        services.Configure<VendorHttpOptions>(VendorHttpClientNames.For("autotask", "default"), o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRetryAfter = TimeSpan.FromMilliseconds(10);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IPsaSource>("default");
    }

    /// <summary>The paths of requests no mapping matched (each one is something the provider sent wrongly).</summary>
    public IReadOnlyList<string> Unmatched() =>
        Server.LogEntries.Where(e => e.MappingGuid is null).Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url}").ToList();

    public int Count(string method, string path) =>
        Server.LogEntries.Count(e => e.MappingGuid is not null && e.RequestMessage.Method == method && e.RequestMessage.Path.EndsWith(path, StringComparison.Ordinal));

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
