using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using WiseSync.Sandbox;

namespace WiseSync.Samples.Console.Connections;

/// <summary>A sandbox to sync against: its credentials (with each vendor's URLs) and how much faster its vendor clocks run.</summary>
/// <param name="BaseUrl">The sandbox's base URL.</param>
/// <param name="Credentials">The sandbox credentials of CONTRACTS §1.</param>
/// <param name="TimeScale">The sandbox's time scale; the providers divide their rate-limit windows by it.</param>
internal sealed record SandboxTarget(Uri BaseUrl, SandboxCredentials Credentials, double TimeScale)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The sandbox running in this process.</summary>
    public static SandboxTarget Of(SandboxServer server) => new(server.BaseUrl, server.Credentials, server.Options.TimeScale);

    /// <summary>Reads <c>GET /_sandbox/info</c> of a running sandbox; a sandbox that cannot be read is a usage error naming <c>--sandbox-url</c>.</summary>
    public static async Task<SandboxTarget> ReadAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var infoUrl = new Uri(baseUrl, "_sandbox/info");
        SandboxInfo? info;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            info = await http.GetFromJsonAsync<SandboxInfo>(infoUrl, Web, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new Cli.UsageException($"--sandbox-url: could not read {infoUrl} ({ex.Message}). Is the sandbox running there?");
        }

        if (info?.Vendors is not { Autotask: { } autotask, ConnectWise: { } connectWise, Xero: { } xero, QuickBooks: { } quickBooks } || !(info.TimeScale > 0))
        {
            throw new Cli.UsageException($"--sandbox-url: {infoUrl} did not answer with a WiseSync sandbox's info document.");
        }

        var credentials = new SandboxCredentials { Autotask = autotask, ConnectWise = connectWise, Xero = xero, QuickBooks = quickBooks };
        return new SandboxTarget(baseUrl, credentials, info.TimeScale);
    }

    private sealed record SandboxInfo(double TimeScale, SandboxVendors? Vendors);

    private sealed record SandboxVendors(
        AutotaskSandboxCredentials? Autotask,
        [property: JsonPropertyName("connectwise")] ConnectWiseSandboxCredentials? ConnectWise,
        XeroSandboxCredentials? Xero,
        [property: JsonPropertyName("quickbooks")] QuickBooksSandboxCredentials? QuickBooks);
}
