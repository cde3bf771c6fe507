using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WiseSync.Sandbox.Admin;

namespace WiseSync.Sandbox;

/// <summary>
/// A running sandbox: loopback emulators of Autotask, ConnectWise, Xero and QuickBooks Online on one port,
/// with the admin endpoints of CONTRACTS §1. Dispose it to stop it.
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { TimeScale = 60 });
/// var xeroApi = sandbox.Credentials.Xero.ApiBaseUrl;
/// </code>
/// </example>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxState _state;
    private int _disposed;

    private SandboxServer(WebApplication app, SandboxState state, Uri baseUrl)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
        Credentials = SandboxCredentials.For(baseUrl);
        state.Credentials = Credentials;
    }

    /// <summary>Where it listens, with a trailing slash; the real port when port 0 was asked for.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The credentials it accepts, with each vendor's URLs on this server.</summary>
    public SandboxCredentials Credentials { get; }

    /// <summary>The options it was started with.</summary>
    public SandboxOptions Options => _state.Options;

    /// <summary>Starts a sandbox on the system clock.</summary>
    public static Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Starts a sandbox whose vendor clocks (rate-limit windows, token lifetimes, refresh grace) follow
    /// <paramref name="timeProvider"/>, so a test can move time instead of waiting.
    /// </summary>
    public static Task<SandboxServer> StartAsync(SandboxOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default) =>
        StartAsync(options, timeProvider, configureLogging: null, cancellationToken);

    internal static async Task<SandboxServer> StartAsync(
        SandboxOptions options, TimeProvider timeProvider, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Validate(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        var state = new SandboxState(options, timeProvider);
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        app.UseMiddleware<VendorTrafficMiddleware>();
        app.MapSandboxAdmin(state);
        foreach (var emulator in state.Emulators)
            emulator.Map(app.MapGroup(emulator.Prefix));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? app.Urls.First();
        return new SandboxServer(app, state, new Uri(Loopback(address).TrimEnd('/') + "/"));
    }

    /// <summary>What each vendor has answered since the start or the last reset (same as <c>GET /_sandbox/stats</c>).</summary>
    public IReadOnlyDictionary<string, SandboxVendorStats> GetStats() => _state.StatsSnapshot();

    /// <summary>Same as <c>POST /_sandbox/reset</c>: generated data, zero stats, no faults, fresh rate-limit windows.</summary>
    public void Reset() => _state.Reset();

    /// <summary>Completes when the host is asked to stop (Ctrl+C in the console).</summary>
    internal Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Validate(SandboxOptions options)
    {
        if (!(options.TimeScale > 0) || double.IsInfinity(options.TimeScale))
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeScale, "TimeScale must be a positive number.");
        if (options.Companies < 0 || options.Invoices < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "Companies and Invoices cannot be negative.");
        if (options.Invoices > 0 && options.Companies == 0)
            throw new ArgumentOutOfRangeException(nameof(options), "Invoices need at least one company.");
        if (string.IsNullOrWhiteSpace(options.Urls))
            throw new ArgumentException("Urls is required.", nameof(options));
    }

    /// <summary>A wildcard bind (0.0.0.0, [::], +, *) is reached through loopback.</summary>
    private static string Loopback(string address) => address
        .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
}
