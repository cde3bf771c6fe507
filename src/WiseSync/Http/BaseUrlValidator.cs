using System.Net;

namespace WiseSync.Http;

/// <summary>Checks vendor base URLs: credentials travel with every request, so only loopback may use plain http.</summary>
public static class BaseUrlValidator
{
    /// <summary>Throws <see cref="ConfigurationException"/> unless <paramref name="url"/> is absolute and https (or http to a loopback host).</summary>
    /// <param name="url">The URL to check.</param>
    /// <param name="setting">The setting's name for the message (e.g. "Xero:BaseAddress").</param>
    public static Uri Validate(Uri? url, string setting)
    {
        ArgumentException.ThrowIfNullOrEmpty(setting);
        if (url is null || !url.IsAbsoluteUri)
        {
            throw new ConfigurationException($"{setting} must be an absolute https URL.");
        }

        if (url.Scheme == Uri.UriSchemeHttps)
        {
            return url;
        }

        if (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url))
        {
            return url;
        }

        // The message names scheme and host only: a URL may carry user info or a query with a secret.
        throw new ConfigurationException(
            $"{setting} must use https ({url.Scheme}://{url.Host} is not allowed; plain http is accepted only for 127.0.0.1, ::1 and localhost).");
    }

    /// <summary>
    /// For options validators: the refusal of an absolute http URL to a non-loopback host, else null (a missing or
    /// relative URL is left to the validator's own "required" rules).
    /// </summary>
    /// <param name="url">The URL to check.</param>
    /// <param name="setting">The setting's name for the message.</param>
    public static string? FindInsecure(Uri? url, string setting)
    {
        if (url is not { IsAbsoluteUri: true })
        {
            return null;
        }

        try
        {
            Validate(url, setting);
            return null;
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Parses then validates; see <see cref="Validate(Uri?, string)"/>.</summary>
    public static Uri Validate(string? url, string setting) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            ? Validate(parsed, setting)
            : throw new ConfigurationException($"{setting} must be an absolute https URL.");

    /// <summary>True for localhost, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
