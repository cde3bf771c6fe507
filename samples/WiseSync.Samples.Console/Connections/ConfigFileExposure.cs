using Microsoft.Extensions.Configuration;

namespace WiseSync.Samples.Console.Connections;

/// <summary>
/// Says when a <c>--config</c> file holds secrets yet others on the machine can read it (Unix file mode): the harness
/// warns on stderr and goes on. The secrets' values are never read into the message.
/// </summary>
internal static class ConfigFileExposure
{
    /// <summary>The settings that are secrets, by section.</summary>
    private static readonly string[] SecretKeys =
    [
        "Autotask:Secret", "ConnectWise:PrivateKey", "Xero:ClientSecret", "Xero:RefreshToken", "QuickBooks:ClientSecret", "QuickBooks:RefreshToken",
    ];

    private const UnixFileMode Exposed = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The warning for <paramref name="path"/>, or null when the file is private or holds no secret (or on Windows, where ACLs decide).</summary>
    public static string? Warning(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & Exposed) == 0)
        {
            return null;
        }

        IConfiguration file;
        try
        {
            // The file alone: secrets that come from WISESYNC__ environment variables are not in it.
            file = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            return null; // Reported as a usage error when the configuration is read.
        }

        var held = SecretKeys.Where(key => !string.IsNullOrWhiteSpace(file[key])).ToList();
        if (held.Count == 0)
        {
            return null;
        }

        var who = (mode & UnixFileMode.OtherRead) != 0 ? "every user on this machine" : "its group";
        return $"{path} holds credentials ({string.Join(", ", held)}) and {who} can read it (mode {Octal(mode)}). " +
            $"Restrict it (chmod 600 {path}) or move those settings to WISESYNC__<Section>__<Key> environment variables.";
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
