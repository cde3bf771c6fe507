using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WiseSync.Sandbox.Tests;

/// <summary>A sandbox on a free loopback port plus an HttpClient pointed at it.</summary>
internal sealed class SandboxFixture : IAsyncDisposable
{
    /// <summary>A clock the test moves by hand, starting at a fixed instant.</summary>
    public static FakeTimeProvider ManualClock() => new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private SandboxFixture(SandboxServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public SandboxServer Server { get; }
    public HttpClient Http { get; }
    public SandboxCredentials Credentials => Server.Credentials;

    public static async Task<SandboxFixture> StartAsync(SandboxOptions? options = null, TimeProvider? time = null) =>
        new(await SandboxServer.StartAsync(options ?? new SandboxOptions(), time ?? TimeProvider.System));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> XeroTokenAsync(string refreshToken, string secret = "sandbox-secret") =>
        TokenAsync("xero/identity/connect/token", refreshToken, secret);

    public Task<HttpResponseMessage> QuickBooksTokenAsync(string refreshToken) =>
        TokenAsync("quickbooks/oauth2/v1/tokens/bearer", refreshToken, "sandbox-secret");

    public async Task<(string Access, string Refresh)> XeroTokensAsync()
    {
        using var response = await XeroTokenAsync(Credentials.Xero.RefreshToken);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    public HttpRequestMessage XeroApi(HttpMethod method, string path, string? accessToken)
    {
        var request = new HttpRequestMessage(method, "xero/api.xro/2.0/" + path);
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("xero-tenant-id", Credentials.Xero.TenantId);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private async Task<HttpResponseMessage> TokenAsync(string path, string refreshToken, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"sandbox-client:{secret}")));
        return await Http.SendAsync(request);
    }
}
