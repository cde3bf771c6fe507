using System.Text.Json.Nodes;

namespace WiseSync.Samples.Tests.Support;

/// <summary>A <c>--config</c> file that points the real-API path of the harness (Autotask and Xero sections) at a sandbox.</summary>
internal static class SandboxConfig
{
    /// <summary>The settings document; change nodes before writing it to break one setting.</summary>
    public static JsonObject For(SandboxHost host) => new()
    {
        ["Autotask"] = new JsonObject
        {
            ["UserName"] = "api@sandbox.local",
            ["Secret"] = "sandbox-secret",
            ["IntegrationCode"] = "SANDBOX",
            ["ZoneLookupUrl"] = host.Url + "autotask/atservicesrest/",
            ["TimeScale"] = 60,
        },
        ["Xero"] = new JsonObject
        {
            ["ClientId"] = "sandbox-client",
            ["ClientSecret"] = "sandbox-secret",
            ["RefreshToken"] = "sandbox-refresh",
            ["ApiBaseUrl"] = host.Url + "xero/",
            ["IdentityBaseUrl"] = host.Url + "xero/identity/",
            ["TimeScale"] = 60,
        },
    };

    /// <summary>Writes <paramref name="settings"/> as <c>appsettings.json</c> in a new folder under the host's and returns its path.</summary>
    public static string Write(SandboxHost host, JsonObject settings, string folder = "config")
    {
        var directory = Path.Combine(host.Directory, folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "appsettings.json");
        File.WriteAllText(path, settings.ToJsonString());
        return path;
    }
}
