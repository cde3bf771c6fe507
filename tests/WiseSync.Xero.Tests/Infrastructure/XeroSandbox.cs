using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.Sandbox;

namespace WiseSync.Xero.Tests.Infrastructure;

/// <summary>An in-process sandbox plus a WiseSync service provider with Xero configured against it.</summary>
internal sealed class XeroSandbox : IAsyncDisposable
{
    public const string Connection = "xero-test";
    private readonly List<ServiceProvider> _providers = [];
    private readonly HttpClient _admin;

    private XeroSandbox(SandboxServer server, string databasePath, TimeProvider? time)
    {
        Server = server;
        DatabasePath = databasePath;
        Time = time;
        _admin = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public SandboxServer Server { get; }

    public string DatabasePath { get; }

    public TimeProvider? Time { get; }

    public static async Task<XeroSandbox> StartAsync(double timeScale = 60, bool rateLimits = true, TimeProvider? time = null)
    {
        var options = new SandboxOptions { TimeScale = timeScale, RateLimits = rateLimits, Companies = 5, Invoices = 10 };
        var server = time is null ? await SandboxServer.StartAsync(options) : await SandboxServer.StartAsync(options, time);
        var db = Path.Combine(Path.GetTempPath(), $"wisesync-xero-{Guid.NewGuid():N}.db");
        return new XeroSandbox(server, db, time);
    }

    /// <summary>A new "process": its own service provider (token manager, caches) over the same token store file.</summary>
    public ServiceProvider NewProcess(Action<XeroOptions>? configure = null, string? databasePath = null, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        if (Time is not null)
        {
            services.AddSingleton(Time);
        }

        services.AddWiseSync(Connection)
            .UseSqliteLedger(o => o.DatabasePath = databasePath ?? DatabasePath)
            .AddXero(o =>
            {
                var xero = Server.Credentials.Xero;
                o.ClientId = xero.ClientId;
                o.ClientSecret = xero.ClientSecret;
                o.RefreshToken = xero.RefreshToken;
                o.ApiBaseUrl = new Uri(Server.BaseUrl, "xero/");
                o.IdentityBaseUrl = new Uri(Server.BaseUrl, "xero/identity/");
                o.TimeScale = Server.Options.TimeScale;
                configure?.Invoke(o);
            });
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    public IAccountingSink Sink(Action<XeroOptions>? configure = null, string? databasePath = null) =>
        NewProcess(configure, databasePath).GetRequiredKeyedService<IAccountingSink>(Connection);

    public async Task<JsonObject> XeroStatsAsync() =>
        (await _admin.GetFromJsonAsync<JsonObject>("_sandbox/stats"))!["xero"]!.AsObject();

    public async Task<int> RouteCountAsync(string route) =>
        (await XeroStatsAsync())["byRoute"]?[route]?.GetValue<int>() ?? 0;

    public async Task<JsonArray> StateAsync(string collection)
    {
        var state = await _admin.GetFromJsonAsync<JsonObject>($"_sandbox/state/xero/{collection}");
        var name = collection switch { "creditnotes" => "CreditNotes", _ => char.ToUpperInvariant(collection[0]) + collection[1..] };
        return state![name]!.AsArray();
    }

    public async Task<JsonArray> RequestsAsync(int limit = 500) =>
        (await _admin.GetFromJsonAsync<JsonArray>($"_sandbox/requests?vendor=xero&limit={limit}"))!;

    public async Task PayAsync(string invoiceNumber, decimal amount, string date)
    {
        using var response = await _admin.PostAsJsonAsync("_sandbox/pay", new { vendor = "xero", invoiceNumber, amount, date });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task AddFaultAsync(object rule)
    {
        using var response = await _admin.PostAsJsonAsync("_sandbox/faults", new { rules = new[] { rule } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task SetLockDatesAsync(string? periodLockDate, string? endOfYearLockDate)
    {
        using var response = await _admin.PostAsJsonAsync("xero/_sandbox/lockdates", new { periodLockDate, endOfYearLockDate });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes the organisation large: non-optimised contact filters are refused (HighVolumeException).</summary>
    public async Task SetHighVolumeAsync(bool enabled)
    {
        using var response = await _admin.PostAsJsonAsync("xero/_sandbox/highvolume", new { enabled });
        response.EnsureSuccessStatusCode();
    }

    public async Task MergeAsync(string from, string into)
    {
        using var response = await _admin.PostAsync($"xero/_sandbox/contacts/{from}/merge/{into}", null);
        response.EnsureSuccessStatusCode();
    }

    public async Task ArchiveAsync(string id)
    {
        using var response = await _admin.PostAsync($"xero/_sandbox/contacts/{id}/archive", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// What a person types in Xero's web app (or, with <paramref name="app"/>, what another app writes): contacts, invoices
    /// or credit notes in the API's PUT shape, through the emulator's <c>/_sandbox/webapp</c>. Returns the written elements.
    /// </summary>
    public async Task<JsonArray> WebAppAsync(object body, string? app = null)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _admin.PostAsync("xero/_sandbox/webapp" + (app is null ? string.Empty : "?app=" + Uri.EscapeDataString(app)), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var root = JsonNode.Parse(text)!.AsObject();
        var elements = (root["Invoices"] ?? root["CreditNotes"] ?? root["Contacts"])!.AsArray();
        Assert.All(elements, e => Assert.True((string?)e!["StatusAttributeString"] == "OK", e.ToJsonString()));
        return elements;
    }

    /// <summary>Talks to the emulator directly, as another Xero client would (client-credentials token, tenant header).</summary>
    public async Task<(int Status, JsonNode? Body)> RawAsync(HttpMethod method, string pathAndQuery, object? body = null, bool tenant = true, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server.BaseUrl, "xero/api.xro/2.0/" + pathAndQuery));
        request.Headers.Authorization = new("Bearer", await RawTokenAsync());
        if (tenant)
        {
            request.Headers.Add("xero-tenant-id", Server.Credentials.Xero.TenantId);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private string? _rawToken;

    private async Task<string> RawTokenAsync()
    {
        if (_rawToken is not null)
        {
            return _rawToken;
        }

        var xero = Server.Credentials.Xero;
        using var request = new HttpRequestMessage(HttpMethod.Post, xero.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = xero.ClientId,
                ["client_secret"] = xero.ClientSecret,
            }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{xero.ClientId}:{xero.ClientSecret}")));
        using var response = await _admin.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        return _rawToken = json!["access_token"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _admin.Dispose();
        await Server.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, Path.GetFileName(DatabasePath) + "*"))
        {
            File.Delete(file);
        }
    }
}
