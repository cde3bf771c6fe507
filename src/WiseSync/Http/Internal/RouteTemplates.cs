namespace WiseSync.Http.Internal;

/// <summary>The telemetry route of a request: the provider's template, else the path with ids replaced.</summary>
internal static class RouteTemplates
{
    public static string Of(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(VendorRequestOptions.RouteTemplate, out var template))
        {
            return template;
        }

        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "/";
        // Ids (numbers, GUIDs) would give every record its own route and could name a customer; keep the shape only.
        var segments = path.Split('/').Select(s => s.Any(char.IsDigit) ? "{id}" : s);
        return $"{request.Method.Method} {string.Join('/', segments)}";
    }
}
