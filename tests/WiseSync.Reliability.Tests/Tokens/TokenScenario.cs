using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WiseSync.Reliability.Tests.Processes;

namespace WiseSync.Reliability.Tests.Tokens;

/// <summary>
/// One PSA × accounting pair against a sandbox process and a ledger file, for the token-refresh trials (issue 17 item 3):
/// harness runs, the accounting connection's token row in the ledger, the sandbox's token answers, and the probe that tells
/// a bricked connection from a working one.
/// </summary>
public sealed class TokenScenario(SandboxProcess sandbox, string psa, string accounting, string database)
{
    public const string Thru = "2026-11-20";

    public SandboxProcess Sandbox { get; } = sandbox;

    public string Accounting { get; } = accounting;

    public string Database { get; } = database;

    /// <summary>The token endpoint's path at the sandbox.</summary>
    public string TokenPath => Accounting == "xero" ? "xero/identity/connect/token" : "quickbooks/oauth2/v1/tokens/bearer";

    /// <summary>The accounting write route a sync uses and the connection check does not.</summary>
    public string WritePath => Accounting == "xero" ? "/Invoices" : "/batch";

    public string[] Args(params string[] command) =>
        [.. command, "--psa", psa, "--accounting", Accounting, "--sandbox-url", Sandbox.Url.AbsoluteUri, "--db", Database, "--thru", Thru, "--json"];

    public Task<HarnessOutcome> SyncAsync(TimeSpan? killAfter = null) => HarnessProcess.RunAsync(Args("sync"), killAfter, TimeSpan.FromMinutes(2));

    /// <summary>Token requests the sandbox answered with a new token (200), i.e. refresh tokens redeemed.</summary>
    public async Task<int> TokensIssuedAsync()
    {
        using var log = JsonDocument.Parse(await Sandbox.GetTextAsync($"_sandbox/requests?vendor={Accounting}&limit=5000"));
        return log.RootElement.EnumerateArray().Count(r =>
            r.GetProperty("path").GetString()!.EndsWith(TokenPath, StringComparison.Ordinal) && r.GetProperty("status").GetInt32() == 200);
    }

    /// <summary>Marks the stored access token expired, so the next start must redeem the refresh token.</summary>
    public void ExpireAccessToken()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tokens SET expires_at = 0 WHERE provider = $p;";
        command.Parameters.AddWithValue("$p", Accounting);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>
    /// Whether the connection still works: redeems the stored refresh token at the sandbox as a second worker would, and
    /// stores the answer (with an expired access token, so the next start renews again). False means bricked: the ledger
    /// holds a refresh token the vendor refuses, and only a person re-authorising the connection helps.
    /// </summary>
    public async Task<bool> ProbeAsync()
    {
        string? tenant = null, refresh = null;
        using (var connection = Open())
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT tenant, refresh_token FROM tokens WHERE provider = $p;";
            read.Parameters.AddWithValue("$p", Accounting);
            using var reader = read.ExecuteReader();
            if (reader.Read())
            {
                (tenant, refresh) = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
            }
        }

        if (refresh is null)
        {
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", refresh)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-client:sandbox-secret")));
        using var response = await Sandbox.Admin.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using (var connection = Open())
        using (var write = connection.CreateCommand())
        {
            write.CommandText = "UPDATE tokens SET access_token = $a, refresh_token = $r, expires_at = 0, previous_refresh_token = NULL, previous_usable_until = NULL WHERE provider = $p AND tenant = $t;";
            write.Parameters.AddWithValue("$a", json.RootElement.GetProperty("access_token").GetString());
            write.Parameters.AddWithValue("$r", json.RootElement.GetProperty("refresh_token").GetString());
            write.Parameters.AddWithValue("$p", Accounting);
            write.Parameters.AddWithValue("$t", tenant);
            Assert.Equal(1, write.ExecuteNonQuery());
        }

        return true;
    }

    /// <summary>How many times each document number exists in the accounting emulator.</summary>
    public async Task<Dictionary<string, int>> AccountingCountsAsync()
    {
        var (collection, field) = Accounting == "xero" ? ("invoices", "InvoiceNumber") : ("invoices", "DocNumber");
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in await Sandbox.StateAsync(Accounting, collection))
        {
            if (record.TryGetProperty(field, out var number) && number.GetString() is { } text)
            {
                counts[text] = counts.GetValueOrDefault(text) + 1;
            }
        }

        return counts;
    }

    public async Task AddFaultAsync(object rule) => await Sandbox.PostJsonAsync("_sandbox/faults", new { rules = new[] { rule } });

    public async Task ClearFaultsAsync()
    {
        using var response = await Sandbox.Admin.DeleteAsync("_sandbox/faults");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Makes the ledger file read-only for everyone, root included: mode 0444, and as root also the immutable attribute
    /// (root ignores file modes). Returns false, with the reason, where the attribute cannot be set.
    /// </summary>
    public static bool SetReadOnly(string path, bool readOnly, out string? reason)
    {
        reason = null;
        if (OperatingSystem.IsWindows())
        {
            reason = "Windows: no Unix file modes";
            return false;
        }

        var modes = readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!readOnly)
        {
            // The immutable attribute goes first: while it is set, not even the mode can change.
            Chattr(path, "-i", ref reason);
        }

        File.SetUnixFileMode(path, modes);
        if (readOnly)
        {
            Chattr(path, "+i", ref reason);
        }

        return reason is null;
    }

    private static void Chattr(string path, string change, ref string? reason)
    {
        if (Environment.UserName != "root")
        {
            return;
        }

        var start = new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            reason = process.ExitCode == 0 ? null : $"chattr exited {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            reason = $"chattr is not available: {ex.Message}";
        }
    }

    /// <summary>The last message of each invoice in a harness report, by status.</summary>
    public static (int Success, int Warning, int Error, IReadOnlyList<string> Messages, string BatchId) Report(HarnessOutcome outcome)
    {
        Assert.False(string.IsNullOrWhiteSpace(outcome.Stdout), $"no JSON on stdout (exit {outcome.ExitCode})\n{outcome.Stderr}");
        using var document = JsonDocument.Parse(outcome.Stdout);
        var totals = document.RootElement.GetProperty("totals");
        var messages = document.RootElement.GetProperty("invoices").EnumerateArray()
            .SelectMany(i => i.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!))
            .ToList();
        return (totals.GetProperty("success").GetInt32(), totals.GetProperty("warning").GetInt32(), totals.GetProperty("error").GetInt32(), messages,
            document.RootElement.GetProperty("batchId").GetString()!);
    }

    public static string Describe(HarnessOutcome outcome) =>
        outcome.Killed ? "SIGKILL" : string.Create(CultureInfo.InvariantCulture, $"exit {outcome.ExitCode}");

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 10000;";
        busy.ExecuteNonQuery();
        return connection;
    }
}
