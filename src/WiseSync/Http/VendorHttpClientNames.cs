namespace WiseSync.Http;

/// <summary>How vendor clients are named in IHttpClientFactory and in named options.</summary>
public static class VendorHttpClientNames
{
    /// <summary>"WiseSync.{vendor}.{connection}".</summary>
    public static string For(string vendor, string connectionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(vendor);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        return $"WiseSync.{vendor}.{connectionName}";
    }
}
