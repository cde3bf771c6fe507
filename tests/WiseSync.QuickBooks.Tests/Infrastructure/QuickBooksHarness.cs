using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.Sandbox;

namespace WiseSync.QuickBooks.Tests.Infrastructure;

/// <summary>
/// An in-process sandbox plus a QuickBooks sink wired exactly as a host wires it (DI, plumbing, OAuth2), talking
/// to the sandbox over real HTTP on 127.0.0.1. One per test: every test starts from an empty company.
/// </summary>
internal sealed class QuickBooksHarness : IAsyncDisposable
{
    public const string Connection = "qbo-test";

    private QuickBooksHarness(SandboxServer sandbox, ServiceProvider services, HttpClient admin)
    {
        Sandbox = sandbox;
        Services = services;
        Admin = admin;
        Sink = services.GetRequiredKeyedService<IAccountingSink>(Connection);
    }

    public SandboxServer Sandbox { get; }

    public ServiceProvider Services { get; }

    public IAccountingSink Sink { get; }

    /// <summary>A plain client for the sandbox's admin endpoints and for direct vendor calls made by the test itself.</summary>
    public HttpClient Admin { get; }

    public InMemoryTokenStore Tokens => (InMemoryTokenStore)Services.GetRequiredService<ITokenStore>();

    public static async Task<QuickBooksHarness> StartAsync(
        Action<QuickBooksOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        double timeScale = 60,
        TimeProvider? sandboxClock = null)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { TimeScale = timeScale }, sandboxClock ?? TimeProvider.System);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<ITokenStore, InMemoryTokenStore>();
        new TestWiseSyncBuilder(Connection, collection).AddQuickBooks(options =>
        {
            options.UseSandbox(sandbox.BaseUrl, timeScale);
            // Production is the default; the emulated company stands in for Intuit's developer sandbox (deep links included).
            options.Environment = QuickBooksEnvironment.Sandbox;
            options.DefaultIncomeAccountId = "1";
            configure?.Invoke(options);
        });
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        return new QuickBooksHarness(sandbox, provider, new HttpClient { BaseAddress = sandbox.BaseUrl });
    }

    public async Task<JsonObject> StatsAsync() =>
        (JsonNode.Parse(await Admin.GetStringAsync("_sandbox/stats"))!["quickbooks"] as JsonObject)!;

    /// <summary>Requests the sink made to the company API (token endpoint excluded), from the sandbox's own count.</summary>
    public async Task<int> ApiCallsAsync()
    {
        var byRoute = (await StatsAsync())["byRoute"]!.AsObject();
        return byRoute.Where(r => !r.Key.Contains("tokens/bearer", StringComparison.OrdinalIgnoreCase)).Sum(r => r.Value!.GetValue<int>());
    }

    public async Task<int> RouteCallsAsync(string route)
    {
        var byRoute = (await StatsAsync())["byRoute"]!.AsObject();
        return byRoute.Where(r => string.Equals(r.Key, route, StringComparison.OrdinalIgnoreCase)).Sum(r => r.Value!.GetValue<int>());
    }

    public async Task<JsonArray> StateAsync(string collection, string entity)
    {
        var state = JsonNode.Parse(await Admin.GetStringAsync($"_sandbox/state/quickbooks/{collection}"))!;
        return state["QueryResponse"]?[entity] as JsonArray ?? [];
    }

    public async Task AddFaultAsync(object rule)
    {
        using var response = await Admin.PostAsJsonAsync("_sandbox/faults", new { rules = new[] { rule } });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Loads a seed document (e.g. a company outside the US); call it before the sink's first call.</summary>
    public async Task SeedAsync(object document)
    {
        using var response = await Admin.PostAsJsonAsync("_sandbox/seed", document);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes the sandbox's QuickBooks company one of <paramref name="country"/> (VAT/GST unless told otherwise).</summary>
    public Task SeedCompanyAsync(string country, bool usingSalesTax = true) =>
        SeedAsync(new { problems = new[] { new { kind = "company", vendor = "quickbooks", data = new { country, usingSalesTax } } } });

    public async Task PayAsync(string invoiceNumber, decimal amount, string date)
    {
        using var response = await Admin.PostAsJsonAsync("_sandbox/pay", new { vendor = "quickbooks", invoiceNumber, amount, date });
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> RecordedRequestsAsync(int limit = 200) =>
        JsonNode.Parse(await Admin.GetStringAsync($"_sandbox/requests?vendor=quickbooks&limit={limit}"))!.AsArray();

    /// <summary>Calls the emulated QBO API directly as another app user would (its own token), e.g. to create a vendor.</summary>
    public async Task<(int Status, JsonObject Body)> CallApiAsync(HttpMethod method, string relative, JsonObject? body = null)
    {
        var token = await AccessTokenAsync();
        using var request = new HttpRequestMessage(method, $"quickbooks/v3/company/{QuickBooksSandbox.RealmId}/{relative}");
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    private string? _directToken;

    private async Task<string> AccessTokenAsync()
    {
        if (_directToken is not null)
        {
            return _directToken;
        }

        // The sink holds the rotating refresh token; the test reuses the access token the sink stored.
        var stored = await Tokens.GetAsync(QuickBooksWiseSyncBuilderExtensionsName.Vendor, QuickBooksSandbox.RealmId);
        if (stored?.AccessToken is null)
        {
            await Sink.TestConnectionAsync();
            stored = await Tokens.GetAsync(QuickBooksWiseSyncBuilderExtensionsName.Vendor, QuickBooksSandbox.RealmId);
        }

        _directToken = stored!.AccessToken!;
        return _directToken;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>Constants of the sandbox's QuickBooks company (CONTRACTS §1).</summary>
internal static class QuickBooksSandbox
{
    public const string RealmId = "9130000000000001";
}

internal static class QuickBooksWiseSyncBuilderExtensionsName
{
    public const string Vendor = Microsoft.Extensions.DependencyInjection.QuickBooksWiseSyncBuilderExtensions.Vendor;
}
