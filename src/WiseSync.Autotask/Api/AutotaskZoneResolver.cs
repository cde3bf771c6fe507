using System.Net;
using System.Text.Json;
using WiseSync.Autotask.Dto;
using WiseSync.Http;

namespace WiseSync.Autotask.Api;

/// <summary>
/// Finds the zone (the database's REST host) once through <c>zoneInformation?user=</c> and caches it, unless the
/// options name one (reference/psa-apis.md §1.1).
/// </summary>
internal sealed class AutotaskZoneResolver(AutotaskOptions options, Func<HttpClient> clients)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private AutotaskZone? _zone;

    public async Task<AutotaskZone> GetAsync(CancellationToken cancellationToken)
    {
        if (_zone is { } known)
        {
            return known;
        }

        if (options.ZoneUrl is { } configured)
        {
            return _zone = new AutotaskZone(Normalize(BaseUrlValidator.Validate(configured, "Autotask:ZoneUrl")), null);
        }

        await _once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _zone ??= await LookUpAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task<AutotaskZone> LookUpAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(Normalize(options.ZoneLookupUrl), "v1.0/zoneInformation?user=" + Uri.EscapeDataString(options.UserName));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri).AsJsonRead();
        using var response = await clients().SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.NotFound)
        {
            // An unknown or blank user is answered with 500 (reference §1.1).
            throw new ConfigurationException($"Autotask found no zone for the API user '{options.UserName}': check UserName.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw AutotaskErrorMapper.ToException(response.StatusCode, body, null, "zone information");
        }

        AtZoneInformation? zone;
        try
        {
            zone = JsonSerializer.Deserialize(body, AutotaskJsonContext.Default.AtZoneInformation);
        }
        catch (JsonException ex)
        {
            // A garbled answer is a vendor failure for this run, not a crash of the host.
            throw new WiseSyncException($"Autotask returned an unreadable zone information answer (HTTP {(int)response.StatusCode}).", ex);
        }

        if (zone?.Url is not { Length: > 0 } url || !Uri.TryCreate(url, UriKind.Absolute, out var zoneUri))
        {
            throw new ConfigurationException("Autotask's zone information carried no URL.");
        }

        Uri? web = zone.WebUrl is { Length: > 0 } w && Uri.TryCreate(w, UriKind.Absolute, out var webUri) ? webUri : null;
        // Credentials travel to this host with every request: it must be https (or the loopback sandbox).
        return new AutotaskZone(Normalize(BaseUrlValidator.Validate(zoneUri, "Autotask zone URL")), web);
    }

    /// <summary>The zone URL ends in <c>atservicesrest/</c>; a missing slash is added (reference §1.1).</summary>
    private static Uri Normalize(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

/// <summary>A resolved zone: the REST root (ending in <c>atservicesrest/</c>) and the web app's root.</summary>
internal sealed record AutotaskZone(Uri RestRoot, Uri? WebRoot)
{
    public Uri ApiRoot { get; } = new(RestRoot, "v1.0/");
}
