using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.Sandbox;

namespace WiseSync.Autotask.Tests;

/// <summary>An in-process sandbox and Autotask sources wired through <c>AddAutotask</c> against it over real HTTP.</summary>
public sealed class AutotaskSandbox : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private AutotaskSandbox(SandboxServer server)
    {
        Server = server;
        Admin = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public SandboxServer Server { get; }

    public HttpClient Admin { get; }

    public static async Task<AutotaskSandbox> StartAsync(int companies = 20, int invoices = 100, double timeScale = 60)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { Companies = companies, Invoices = invoices, TimeScale = timeScale });
        return new AutotaskSandbox(server);
    }

    /// <summary>An <see cref="IPsaSource"/> for the sandbox, found by zone lookup like a real tenant.</summary>
    public IPsaSource CreateSource(Action<AutotaskOptions>? adjust = null, Action<IServiceCollection>? services = null) =>
        CreateProvider(adjust, services).GetRequiredKeyedService<IPsaSource>("default");

    public ServiceProvider CreateProvider(Action<AutotaskOptions>? adjust = null, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        new TestBuilder("default", services).AddAutotask(o =>
        {
            o.UserName = Server.Credentials.Autotask.UserName;
            o.Secret = Server.Credentials.Autotask.Secret;
            o.IntegrationCode = Server.Credentials.Autotask.ApiIntegrationCode;
            o.ZoneLookupUrl = new Uri(Server.BaseUrl, "autotask/atservicesrest/");
            o.TimeScale = Server.Options.TimeScale;
            adjust?.Invoke(o);
        });
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    public async Task SeedAsync(object document)
    {
        using var response = await Admin.PostAsJsonAsync("_sandbox/seed", document);
        Assert.True(response.IsSuccessStatusCode, $"seed answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonArray> StateAsync(string collection) =>
        (JsonArray)(await JsonNode.ParseAsync(await Admin.GetStreamAsync($"_sandbox/state/autotask/{collection}")))!;

    public async Task<JsonObject> InvoiceStateAsync(long id) =>
        (JsonObject)(await StateAsync("invoices")).Single(i => (long)i!["id"]! == id)!;

    public async Task<Stats> StatsAsync()
    {
        var root = await JsonNode.ParseAsync(await Admin.GetStreamAsync("_sandbox/stats"));
        var autotask = root!["autotask"]!;
        var byRoute = autotask["byRoute"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!);
        return new Stats((int)autotask["requests"]!, (int)autotask["throttled"]!, (int)autotask["maxConcurrent"]!, byRoute);
    }

    public async Task<JsonArray> RequestsAsync(int limit = 500) =>
        (JsonArray)(await JsonNode.ParseAsync(await Admin.GetStreamAsync($"_sandbox/requests?vendor=autotask&limit={limit}")))!;

    public async Task<JsonObject> DatasetAsync() =>
        (JsonObject)(await JsonNode.ParseAsync(await Admin.GetStreamAsync("_sandbox/dataset")))!;

    /// <summary>A raw call to the emulator with the sandbox credentials.</summary>
    public async Task<(int Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, object? body = null, string? query = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server.BaseUrl, "autotask/atservicesrest/v1.0/" + path + query));
        request.Headers.Add("ApiIntegrationCode", Server.Credentials.Autotask.ApiIntegrationCode);
        request.Headers.Add("UserName", Server.Credentials.Autotask.UserName);
        request.Headers.Add("Secret", Server.Credentials.Autotask.Secret);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<List<PsaInvoice>> ListAsync(IPsaSource source, PsaInvoiceQuery query)
    {
        var list = new List<PsaInvoice>();
        await foreach (var invoice in source.GetInvoicesAsync(query))
        {
            list.Add(invoice);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        Admin.Dispose();
        await Server.DisposeAsync();
    }

    public sealed record Stats(int Requests, int Throttled, int MaxConcurrent, IReadOnlyDictionary<string, int> ByRoute)
    {
        public int Route(string key) => ByRoute.TryGetValue(key, out var n) ? n : 0;
    }

    private sealed record TestBuilder(string Name, IServiceCollection Services) : IWiseSyncBuilder;
}
