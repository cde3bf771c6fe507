using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WiseSync.Reliability.Tests.Processes;

/// <summary>The built sandbox and console harness dlls (copied beside this test assembly by the project references).</summary>
public static class BuiltApps
{
    public static string SandboxDll => Beside("WiseSync.Sandbox.dll");

    public static string ConsoleDll => Beside("WiseSync.Samples.Console.dll");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static ProcessStartInfo Dotnet(string dll, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static string Beside(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        Assert.True(File.Exists(path), $"{path} is missing: build the test project (it references the app).");
        Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"{path} has no runtimeconfig.json beside it");
        return path;
    }
}
