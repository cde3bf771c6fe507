using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WiseSync.Reliability.Tests.Crash;
using WiseSync.Reliability.Tests.Processes;

namespace WiseSync.Reliability.Tests.Providers;

/// <summary>
/// One PSA × accounting pair against a sandbox process, driven through the built console harness: the sandbox's seed and
/// dataset, what other people write into the accounting system (a bookkeeper, another tool), and the harness's reports.
/// </summary>
internal sealed class ProviderRun(SandboxProcess sandbox, string psa, string accounting, string database) : IAsyncDisposable
{
    public const string QuickBooksRealm = "9130000000000001";

    public SandboxProcess Sandbox { get; } = sandbox;

    public CrashScenario Harness { get; } = new(sandbox, psa, accounting, database);

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleanup.
        }
    }

    public static async Task<ProviderRun> StartAsync(string psa, string accounting, object seed)
    {
        var sandbox = await SandboxProcess.StartAsync(invoices: 10, companies: 6);
        await sandbox.PostJsonAsync("_sandbox/seed", seed);
        var folder = Directory.CreateTempSubdirectory("wisesync-providers-");
        return new ProviderRun(sandbox, psa, accounting, Path.Combine(folder.FullName, "ledger.db"));
    }

    /// <summary>The vendor-neutral dataset the emulators present (companies, invoices with their lines).</summary>
    public async Task<JsonObject> DatasetAsync() => JsonNode.Parse(await Sandbox.GetTextAsync("_sandbox/dataset"))!.AsObject();

    /// <summary>A harness run to its end, with its JSON report.</summary>
    public async Task<(HarnessOutcome Outcome, Dictionary<string, JsonObject> ByNumber)> SyncAsync()
    {
        var outcome = await Harness.SyncAsync();
        Assert.True(outcome.ExitCode is 0 or 1, $"sync exited {outcome.ExitCode}\n{outcome.Stderr}");
        var report = JsonNode.Parse(outcome.Stdout)!.AsObject();
        return (outcome, report["invoices"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => (string)i["number"]!, StringComparer.Ordinal));
    }

    /// <summary>The accounting documents (invoices) as the emulator's state shows them, by number.</summary>
    public async Task<Dictionary<string, List<JsonElement>>> DocumentsAsync()
    {
        var numberField = accounting == "xero" ? "InvoiceNumber" : "DocNumber";
        return (await Sandbox.StateAsync(accounting, "invoices"))
            .GroupBy(d => d.GetProperty(numberField).GetString()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>Xero: what a person types in the web app, or another app writes (<c>/xero/_sandbox/webapp</c>).</summary>
    public async Task<JsonArray> XeroWebAppAsync(object body, string? app = null)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await Sandbox.Admin.PostAsync("xero/_sandbox/webapp" + (app is null ? string.Empty : "?app=" + app), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var root = JsonNode.Parse(text)!.AsObject();
        var elements = (root["Invoices"] ?? root["Contacts"])!.AsArray();
        Assert.All(elements, e => Assert.True((string?)e!["StatusAttributeString"] == "OK", e.ToJsonString()));
        return elements;
    }

    /// <summary>
    /// QuickBooks: a call to the company API as another user of the same company would make it. The sandbox's first refresh
    /// token is redeemed here; the harness redeems it once more afterwards, inside the vendor's rotation grace.
    /// </summary>
    public async Task<JsonObject> QuickBooksCreateAsync(string entity, object body)
    {
        _quickBooksToken ??= await QuickBooksTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"quickbooks/v3/company/{QuickBooksRealm}/{entity}?minorversion=75")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _quickBooksToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Sandbox.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{entity}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private string? _quickBooksToken;

    private async Task<string> QuickBooksTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "quickbooks/oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", "sandbox-refresh")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-client:sandbox-secret")));
        using var response = await Sandbox.Admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"token endpoint answered {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }
}
