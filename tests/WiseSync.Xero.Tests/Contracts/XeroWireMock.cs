using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WiseSync.Xero.Api;

namespace WiseSync.Xero.Tests.Contracts;

/// <summary>
/// WireMock.Net on 127.0.0.1 serving Xero's own published answers (Fixtures/xero, see SOURCES.md), with the Xero
/// provider pointed at it. Every stub matches what the provider must send (bearer token, tenant header, query,
/// idempotency key, body shape); a request no stub matches is answered 404 by WireMock and fails
/// <see cref="AssertEveryRequestMatched"/>.
/// </summary>
internal sealed class XeroWireMock : IAsyncDisposable
{
    public const string Connection = "xero-contract";
    public const string ClientId = "contract-client";
    public const string ClientSecret = "contract-secret";
    public const string RefreshToken = "contract-refresh";

    /// <summary>The access token of identity-token.json.</summary>
    public const string AccessToken = "xero-access-token";

    /// <summary>The tenant of connections.json.</summary>
    public const string TenantId = "a46fcb6f-2773-40c4-a119-8aa08bca1e8e";

    public const string ApiPath = "/api.xro/2.0/";

    private readonly List<ServiceProvider> _providers = [];
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"wisesync-xero-contract-{Guid.NewGuid():N}.db");

    private XeroWireMock(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public Uri BaseUrl => new(Server.Url! + "/");

    /// <summary>Starts WireMock with the identity answers (token, connections) and, unless told otherwise, the organisation.</summary>
    public static XeroWireMock Start(string organisationFixture = "organisation.json")
    {
        var port = FreePort();
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] });
        var mock = new XeroWireMock(server);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        server.Given(Request.Create().WithPath("/identity/connect/token").UsingPost()
                .WithHeader("Authorization", basic)
                .WithBody(new WildcardMatcher("*grant_type=refresh_token*"))
                .WithBody(new WildcardMatcher("*refresh_token=" + RefreshToken + "*")))
            .RespondWith(Json(Fixture("identity-token.json")));
        server.Given(Request.Create().WithPath("/connections").UsingGet().WithHeader("Authorization", "Bearer " + AccessToken))
            .RespondWith(Json(Fixture("connections.json")));
        if (organisationFixture.Length > 0)
        {
            var headers = JsonNode.Parse(Fixture("organisation.headers.json"))!.AsObject();
            var response = Json(Fixture(organisationFixture));
            foreach (var (name, value) in headers)
            {
                response = response.WithHeader(name, (string)value!);
            }

            server.Given(XeroApi("GET", "Organisation")).RespondWith(response);
        }

        return mock;
    }

    /// <summary>A request to the Accounting API with the bearer token and tenant header Xero requires.</summary>
    public static IRequestBuilder XeroApi(string method, string path) =>
        Request.Create().WithPath(ApiPath + path).UsingMethod(method)
            .WithHeader("Authorization", "Bearer " + AccessToken)
            .WithHeader("xero-tenant-id", TenantId);

    /// <summary>A batch write: PUT or POST with summarizeErrors=false, an Idempotency-Key and a JSON body.</summary>
    public static IRequestBuilder Write(string method, string path, string jsonPath) =>
        XeroApi(method, path)
            .WithParam("summarizeErrors", "false")
            .WithHeader("Idempotency-Key", new RegexMatcher("^wisesync-[0-9a-f]{64}$"))
            .WithHeader("Content-Type", new WildcardMatcher("application/json*"))
            .WithBody(new JsonPathMatcher(jsonPath));

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    /// <summary>The text of a vendor sample.</summary>
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "xero", name));

    /// <summary>A vendor sample element wrapped in the collection envelope of a batch answer.</summary>
    public static string Envelope(string collection, params string[] elementFixtures) =>
        new JsonObject { [collection] = new JsonArray(elementFixtures.Select(f => JsonNode.Parse(Fixture(f))).ToArray()) }.ToJsonString();

    public IAccountingSink Sink(Action<XeroOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddWiseSync(Connection)
            .UseSqliteLedger(o => o.DatabasePath = _database)
            .AddXero(o =>
            {
                o.ClientId = ClientId;
                o.ClientSecret = ClientSecret;
                o.RefreshToken = RefreshToken;
                o.ApiBaseUrl = BaseUrl;
                o.IdentityBaseUrl = new Uri(BaseUrl, "identity/");
                configure?.Invoke(o);
            });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IAccountingSink>(Connection);
    }

    /// <summary>The requests sent to <paramref name="path"/> under the Accounting API.</summary>
    public IReadOnlyList<WireMock.Logging.ILogEntry> Sent(string method, string path) =>
        Server.LogEntries.Where(e => e.RequestMessage.Method == method && e.RequestMessage.Path == ApiPath + path).ToList();

    /// <summary>Fails with the request when any request matched no stub (what we sent differs from what Xero wants).</summary>
    public void AssertEveryRequestMatched()
    {
        var unmatched = Server.LogEntries.Where(e => e.MappingGuid is null).ToList();
        Assert.True(
            unmatched.Count == 0,
            "Requests no stub matched:\n" + string.Join("\n", unmatched.Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url} {e.RequestMessage.Body}")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        Server.Stop();
        Server.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_database)!, Path.GetFileName(_database) + "*"))
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
