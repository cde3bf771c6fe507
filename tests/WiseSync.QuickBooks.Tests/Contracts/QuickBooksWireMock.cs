using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WiseSync.Http;
using WiseSync.QuickBooks.Api;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>
/// A WireMock.Net server on 127.0.0.1 standing in for Intuit, and a QuickBooks sink wired exactly as a host wires it
/// (DI, plumbing, OAuth2) pointing at it. Mappings serve vendor-published samples; their request matchers check what the
/// sink sends (bearer token, minorversion, query text, requestid, batch body), so a request we shape wrongly finds no
/// mapping and fails the test with WireMock's 404.
/// </summary>
internal sealed class QuickBooksWireMock : IAsyncDisposable
{
    public const string Connection = "qbo-contract";
    public const string RealmId = "123145678901234";

    /// <summary>The access token of the published refresh answer (intuit/oauth-jsclient test/mocks/refreshResponse.json).</summary>
    public const string AccessToken = "sample_access_token";

    public const string FirstRefreshToken = "first-refresh-token";

    private QuickBooksWireMock(WireMockServer server)
    {
        Server = server;
    }

    public WireMockServer Server { get; }

    public ServiceProvider Services { get; private set; } = null!;

    public IAccountingSink Sink => Services.GetRequiredKeyedService<IAccountingSink>(Connection);

    public ListLoggerProvider Logs { get; } = new();

    public InMemoryTokenStore Tokens => (InMemoryTokenStore)Services.GetRequiredService<ITokenStore>();

    /// <summary>The sink's own API client (plumbing, OAuth2 and all), for component tests of one reader.</summary>
    public QuickBooksApiClient Api(QuickBooksOptions? options = null) => new(
        Services.GetRequiredKeyedService<QuickBooksHttp>(Connection).Client,
        options ?? Options,
        new QuickBooksBatchLimiter(40, 1),
        Services.GetRequiredService<ILoggerFactory>().CreateLogger("contract"));

    public QuickBooksOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<QuickBooksOptions>>().Get(Connection);

    /// <param name="configure">Extra QuickBooks settings.</param>
    /// <param name="retries">Retries of the plumbing (0 lets a 429 reach the sink at once).</param>
    /// <param name="token">The token endpoint's answer; default: the oauth-jsclient refresh answer.</param>
    public static QuickBooksWireMock Start(Action<QuickBooksOptions>? configure = null, int retries = 4, string? token = null)
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        var mock = new QuickBooksWireMock(server);
        server.Given(Request.Create().WithPath("/oauth2/v1/tokens/bearer").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json;charset=UTF-8")
                .WithBody(token ?? VendorSamples.Text("oauth-jsclient/refreshResponse.json")));

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(mock.Logs));
        services.AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder(Connection, services).AddQuickBooks(o =>
        {
            o.ClientId = "contract-client";
            o.ClientSecret = "contract-secret";
            o.RefreshToken = FirstRefreshToken;
            o.RealmId = RealmId;
            o.BaseUrl = new Uri(server.Url!);
            o.TokenUrl = new Uri(server.Url + "/oauth2/v1/tokens/bearer");
            configure?.Invoke(o);
        });
        services.Configure<VendorHttpOptions>(VendorHttpClientNames.For(QuickBooksWiseSyncBuilderExtensions.Vendor, Connection), o =>
        {
            o.MaxRetryAttempts = retries;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        });
        mock.Services = services.BuildServiceProvider();
        return mock;
    }

    /// <summary>A request to the company API: <c>/v3/company/{realm}/{relative}</c>, sent with the published bearer token and minorversion 75.</summary>
    public IRequestBuilder CompanyRequest(string relative, string method) => Request.Create()
        .WithPath($"/v3/company/{RealmId}/{relative}")
        .UsingMethod(method)
        .WithHeader("Authorization", $"Bearer {AccessToken}")
        .WithParam("minorversion", "75");

    /// <summary>A GET /query whose decoded statement satisfies <paramref name="statement"/>.</summary>
    public IRequestBuilder Query(Func<string, bool> statement) => CompanyRequest("query", "GET")
        .WithUrl(url => QueryString.Get(new Uri(url).Query, "query") is { } text && statement(text));

    /// <summary>Answers with a recorded exchange: its status, its JSON body and its Intuit-Tid header.</summary>
    public static IResponseBuilder Recorded(RecordedExchange exchange)
    {
        var response = Response.Create().WithStatusCode(exchange.Status).WithBody(exchange.Body);
        foreach (var name in new[] { "Content-Type", "Intuit-Tid", "Www-Authenticate" })
        {
            if (exchange.Headers.TryGetValue(name, out var value))
            {
                response = response.WithHeader(name, value);
            }
        }

        return response;
    }

    /// <summary>Answers with a published body that came without recorded headers.</summary>
    public static IResponseBuilder Published(string body, int status = 200, string contentType = "application/json") =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);

    /// <summary>Requests the sink sent to the company API (token endpoint excluded).</summary>
    public IReadOnlyList<ILogEntry> ApiRequests(string? relative = null) => Server.LogEntries
        .Where(e => e.RequestMessage.Path.StartsWith($"/v3/company/{RealmId}/" + (relative ?? string.Empty), StringComparison.Ordinal))
        .ToList();

    public IReadOnlyList<ILogEntry> TokenRequests() => Server.LogEntries.Where(e => e.RequestMessage.Path == "/oauth2/v1/tokens/bearer").ToList();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Server.Stop();
        Server.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Collects log lines so a test can check what a failure logged.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
