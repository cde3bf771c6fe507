using System.Net.Http.Json;
using System.Text.Json;

namespace WiseSync.Tests.Http;

/// <summary>The sandbox's admin surface (CONTRACTS §1) as the tests use it.</summary>
internal sealed class SandboxAdmin(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl };

    public Uri BaseUrl => baseUrl;

    public async Task<double> TimeScaleAsync() =>
        (await GetJsonAsync("_sandbox/info")).GetProperty("timeScale").GetDouble();

    public async Task<JsonElement> StatsAsync(string vendor) =>
        (await GetJsonAsync("_sandbox/stats")).GetProperty(vendor);

    /// <summary>Requests the sandbox saw for <paramref name="vendor"/> whose path contains <paramref name="pathPart"/>.</summary>
    public async Task<int> CountRequestsAsync(string vendor, string pathPart)
    {
        var log = await GetJsonAsync($"_sandbox/requests?vendor={vendor}&limit=10000");
        return log.EnumerateArray().Count(r => r.GetProperty("path").GetString()!.Contains(pathPart, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<string> RequestLogTextAsync(string vendor) =>
        (await GetJsonAsync($"_sandbox/requests?vendor={vendor}&limit=10000")).GetRawText();

    public async Task AddFaultAsync(object rule)
    {
        using var response = await _http.PostAsJsonAsync("_sandbox/faults", new { rules = new[] { rule } });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
