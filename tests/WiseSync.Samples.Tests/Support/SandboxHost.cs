using System.Net.Http.Json;
using System.Text.Json;
using WiseSync.Sandbox;

namespace WiseSync.Samples.Tests.Support;

/// <summary>A sandbox in this process plus a temporary ledger file, and the admin reads the tests check against.</summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    /// <summary>The generator's default reference date: every generated invoice is dated on or before it.</summary>
    public const string Thru = "2026-11-20";

    private readonly HttpClient _http;

    private SandboxHost(SandboxServer server, string directory)
    {
        Server = server;
        Directory = directory;
        _http = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public SandboxServer Server { get; }

    public string Directory { get; }

    public string Database => Path.Combine(Directory, "ledger.db");

    public string Url => Server.BaseUrl.AbsoluteUri;

    public static async Task<SandboxHost> StartAsync(int invoices = 24, int companies = 9)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { TimeScale = 60, Invoices = invoices, Companies = companies });
        var directory = Path.Combine(Path.GetTempPath(), "wisesync-samples-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new SandboxHost(server, directory);
    }

    /// <summary>The harness arguments that point a command at this sandbox and ledger.</summary>
    public string[] Args(params string[] args) => [.. args, "--sandbox-url", Url, "--db", Database];

    /// <summary>The records of <c>/_sandbox/state/{vendor}/{collection}</c>.</summary>
    public async Task<IReadOnlyList<JsonElement>> StateAsync(string vendor, string collection)
    {
        var root = await _http.GetFromJsonAsync<JsonElement>($"_sandbox/state/{vendor}/{collection}");
        if (root.ValueKind == JsonValueKind.Object)
        {
            root = root.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        }

        return root.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public async Task<JsonElement> StatsAsync() => await _http.GetFromJsonAsync<JsonElement>("_sandbox/stats");

    public async Task PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open elsewhere: the temp folder is cleaned by the OS.
        }
    }
}
