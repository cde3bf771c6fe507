using System.Diagnostics;
using WiseSync.Reliability.Tests.Processes;

namespace WiseSync.Reliability.Tests.Operations;

/// <summary>
/// Runs the built harness inside a private mount namespace (<c>unshare -r -m</c>), where a folder can be mounted read-only or
/// replaced by a tiny tmpfs for that process alone: the only way to make a file read-only for a process running as root (root
/// ignores file modes) and to fill a disk without filling the machine's. The mounts vanish with the process.
/// </summary>
public static class MountNamespace
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why the namespace cannot be used here, or null when it can.</summary>
    public static string? SkipReason => Unavailable.Value;

    /// <summary>The harness with <paramref name="folder"/> bind-mounted read-only over itself.</summary>
    public static Task<HarnessOutcome> RunReadOnlyAsync(string folder, IEnumerable<string> args) =>
        RunAsync($"mount --bind {Quote(folder)} {Quote(folder)} && mount -o remount,bind,ro {Quote(folder)} && {Harness(args)}");

    /// <summary>
    /// The harness with an empty tmpfs of <paramref name="sizeKb"/> KiB mounted on <paramref name="folder"/>; when it ends, what
    /// it wrote there is copied to <paramref name="copyTo"/> (the tmpfs goes with the namespace).
    /// </summary>
    public static Task<HarnessOutcome> RunOnTinyDiskAsync(string folder, int sizeKb, string copyTo, IEnumerable<string> args) =>
        RunAsync($"mount -t tmpfs -o size={sizeKb}k tmpfs {Quote(folder)} && {{ {Harness(args)}; rc=$?; cp -a {Quote(folder)}/. {Quote(copyTo)}/; exit $rc; }}");

    private static async Task<HarnessOutcome> RunAsync(string script)
    {
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { "-r", "-m", "sh", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new HarnessOutcome(false, process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    private static string Harness(IEnumerable<string> args) => $"dotnet {Quote(BuiltApps.ConsoleDll)} {string.Join(' ', args.Select(Quote))}";

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux mount namespaces (unshare -r -m)";
        }

        try
        {
            var folder = Directory.CreateTempSubdirectory("wisesync-ns-probe-").FullName;
            using var process = Process.Start(new ProcessStartInfo("unshare", ["-r", "-m", "sh", "-c", $"mount -t tmpfs -o size=64k tmpfs {Quote(folder)}"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Directory.Delete(folder);
            return process.ExitCode == 0 ? null : $"unshare -r -m cannot mount here (user namespaces disabled?): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"unshare is not installed ({ex.Message})";
        }
    }
}

/// <summary>A theory that needs <see cref="MountNamespace"/>: skipped with the reason where the machine cannot create one.</summary>
public sealed class MountNamespaceTheoryAttribute : TheoryAttribute
{
    public MountNamespaceTheoryAttribute()
    {
        if (MountNamespace.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
