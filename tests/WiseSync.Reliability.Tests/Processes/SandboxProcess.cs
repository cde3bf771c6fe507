using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WiseSync.Reliability.Tests.Processes;

/// <summary>A sandbox in its own OS process: its state survives the death of the sync process under test.</summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SandboxProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Admin = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Url { get; }

    public HttpClient Admin { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SandboxProcess> StartAsync(int invoices, int companies = 20, int seed = 1, double timeScale = 60)
    {
        var url = new Uri($"http://127.0.0.1:{BuiltApps.FreePort()}/");
        var start = BuiltApps.Dotnet(BuiltApps.SandboxDll,
        [
            "--urls", url.AbsoluteUri.TrimEnd('/'),
            "--invoices", invoices.ToString(CultureInfo.InvariantCulture),
            "--companies", companies.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--time-scale", timeScale.ToString(CultureInfo.InvariantCulture),
        ]);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sandbox = new SandboxProcess(process, url);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            sandbox.Append(e.Data);
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => sandbox.Append(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The sandbox process exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The sandbox prints its URL once Kestrel listens: that line is the signal, no polling.
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw new InvalidOperationException($"The sandbox did not start:\n{sandbox.Output}");
        }

        return sandbox;
    }

    /// <summary>The records of <c>/_sandbox/state/{vendor}/{collection}</c> (the first array of an enveloped answer).</summary>
    public async Task<IReadOnlyList<JsonElement>> StateAsync(string vendor, string collection)
    {
        using var response = await Admin.GetAsync($"_sandbox/state/{vendor}/{collection}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        var root = await response.Content.ReadFromJsonAsync<JsonElement>();
        while (root.ValueKind == JsonValueKind.Object)
        {
            var array = root.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object && p.Name != "Contact");
            if (array.Value.ValueKind == JsonValueKind.Undefined)
            {
                return [];
            }

            root = array.Value;
        }

        return root.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public async Task PostJsonAsync(string path, object body)
    {
        using var response = await Admin.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<string> GetTextAsync(string path) => await Admin.GetStringAsync(path);

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
