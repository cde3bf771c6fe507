using System.Diagnostics;
using System.Globalization;

namespace WiseSync.Pipeline.Internal;

/// <summary>
/// The lease holder text ("machine pid N run id") and the one question asked of it: is the holder a process on this machine
/// that no longer runs? A sync killed with SIGKILL never releases its lease; without this the connection stays blocked until
/// the lease expires (15 minutes by default). A reused pid only makes the next run wait for the expiry, the safe side.
/// </summary>
internal static class LeaseHolder
{
    private const string PidMarker = " pid ";

    public static string ForThisProcess() =>
        $"{Environment.MachineName}{PidMarker}{Environment.ProcessId} run {Guid.NewGuid():N}";

    public static bool IsDeadLocalProcess(string holder)
    {
        var prefix = Environment.MachineName + PidMarker;
        if (!holder.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = holder.AsSpan(prefix.Length);
        var end = rest.IndexOf(' ');
        if (!int.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
