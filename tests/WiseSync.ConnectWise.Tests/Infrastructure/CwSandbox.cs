using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.ConnectWise;
using WiseSync.Sandbox;

namespace WiseSync.ConnectWise.Tests.Infrastructure;

/// <summary>A sandbox on 127.0.0.1 with a ConnectWise source wired through DI exactly as a host would.</summary>
internal sealed class CwSandbox : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private CwSandbox(SandboxServer server)
    {
        Server = server;
        Admin = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public SandboxServer Server { get; }

    public HttpClient Admin { get; }

    public Uri ApiBase => new(Server.BaseUrl, "connectwise/v4_6_release/apis/3.0/");

    /// <param name="seedInvoices">Invoices (seed document form) added to the generated ones.</param>
    public static async Task<CwSandbox> StartAsync(int invoices = 100, int companies = 20, object[]? problems = null, object[]? seedInvoices = null)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { Invoices = invoices, Companies = companies, TimeScale = 60 });
        var sandbox = new CwSandbox(server);
        if (problems is not null || seedInvoices is not null)
        {
            var seed = new { generate = new { invoices, companies }, problems = problems ?? [], invoices = seedInvoices ?? [] };
            using var response = await sandbox.Admin.PostAsJsonAsync("_sandbox/seed", seed);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        return sandbox;
    }

    public IPsaSource Source(Action<ConnectWiseOptions>? configure = null, string name = "default", Action<IServiceCollection>? configureServices = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        new TestWiseSyncBuilder(name, collection).AddConnectWise(o =>
        {
            o.SiteUrl = new Uri(Server.BaseUrl, "connectwise");
            o.CompanyId = Server.Credentials.ConnectWise.CompanyId;
            o.PublicKey = Server.Credentials.ConnectWise.PublicKey;
            o.PrivateKey = Server.Credentials.ConnectWise.PrivateKey;
            o.ClientId = Server.Credentials.ConnectWise.ClientId;
            o.TimeScale = Server.Options.TimeScale;
            configure?.Invoke(o);
        });
        configureServices?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IPsaSource>(name);
    }

    public async Task<JsonNode> GetJsonAsync(string path) =>
        JsonNode.Parse(await Admin.GetStringAsync(path)) ?? throw new InvalidOperationException(path);

    public async Task<JsonArray> StateAsync(string collection) => (JsonArray)await GetJsonAsync($"_sandbox/state/connectwise/{collection}");

    public async Task<JsonObject> DatasetAsync() => (JsonObject)await GetJsonAsync("_sandbox/dataset");

    /// <summary>ConnectWise requests so far, and per route ("GET /finance/invoices").</summary>
    public async Task<(int Requests, JsonObject ByRoute)> StatsAsync()
    {
        var cw = (await GetJsonAsync("_sandbox/stats"))["connectwise"]!;
        return ((int)cw["requests"]!, (JsonObject)cw["byRoute"]!);
    }

    public async Task<JsonArray> RequestsAsync(int limit = 200) => (JsonArray)await GetJsonAsync($"_sandbox/requests?vendor=connectwise&limit={limit}");

    /// <summary>A raw call to the emulator with the sandbox member's credentials.</summary>
    public HttpRequestMessage ApiRequest(HttpMethod method, string pathAndQuery, bool clientId = true, string? privateKey = null)
    {
        var request = new HttpRequestMessage(method, new Uri(ApiBase, pathAndQuery));
        var c = Server.Credentials.ConnectWise;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.CompanyId}+{c.PublicKey}:{privateKey ?? c.PrivateKey}")));
        if (clientId)
        {
            request.Headers.TryAddWithoutValidation("clientId", c.ClientId);
        }

        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> CallAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await Admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response, string.IsNullOrWhiteSpace(text) || !text.TrimStart().StartsWith('[') && !text.TrimStart().StartsWith('{') ? null : JsonNode.Parse(text));
        }
    }

    public async Task<JsonArray> ListAsync(string pathAndQuery)
    {
        var (response, body) = await CallAsync(ApiRequest(HttpMethod.Get, pathAndQuery));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return (JsonArray)body!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _providers)
        {
            await p.DisposeAsync();
        }

        Admin.Dispose();
        await Server.DisposeAsync();
    }

    private sealed record TestWiseSyncBuilder(string Name, IServiceCollection Services) : IWiseSyncBuilder;
}
