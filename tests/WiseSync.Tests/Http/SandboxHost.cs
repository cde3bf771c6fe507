using WiseSync.Sandbox;

namespace WiseSync.Tests.Http;

/// <summary>Starts an in-process sandbox for one test.</summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    private readonly SandboxServer _server;

    private SandboxHost(SandboxServer server, Uri baseUrl)
    {
        _server = server;
        BaseUrl = baseUrl;
        Admin = new SandboxAdmin(baseUrl);
    }

    public Uri BaseUrl { get; }

    public SandboxAdmin Admin { get; }

    public static async Task<SandboxHost> StartAsync(double timeScale = 1)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { TimeScale = timeScale, Seed = 1 });
        return new SandboxHost(server, new Uri(server.BaseUrl.ToString().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _server.DisposeAsync();
    }
}
