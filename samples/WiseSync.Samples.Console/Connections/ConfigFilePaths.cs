using Microsoft.Extensions.Configuration;

namespace WiseSync.Samples.Console.Connections;

/// <summary>
/// File paths inside a <c>--config</c> file are relative to that file's folder, not to wherever the harness was started,
/// so the same file works from any working folder (as appsettings.json does for a host's content root).
/// </summary>
internal static class ConfigFilePaths
{
    /// <summary>The settings that name a file.</summary>
    private static readonly string[] PathKeys = ["Sync:Ledger:DatabasePath", "Pay:DatabasePath"];

    /// <summary>Rewrites each relative path setting of <paramref name="configuration"/> as a full path under <paramref name="configFolder"/>.</summary>
    public static void ResolveAgainst(IConfigurationRoot configuration, string configFolder)
    {
        foreach (var key in PathKeys)
        {
            if (configuration[key] is { Length: > 0 } value && !Path.IsPathRooted(value))
            {
                configuration[key] = Path.GetFullPath(Path.Combine(configFolder, value));
            }
        }
    }
}
