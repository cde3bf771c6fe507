using System.Text.Json;
using Microsoft.Data.Sqlite;
using WiseSync.Reliability.Tests.Crash;
using WiseSync.Reliability.Tests.Processes;

namespace WiseSync.Reliability.Tests.Operations;

/// <summary>
/// One pair against a sandbox process and a ledger in a temp folder, driven through the built harness only; the checks read
/// the sandbox's state, the harness's own JSON and the ledger file.
/// </summary>
public sealed class OperationsScenario : IAsyncDisposable
{
    public const string Thru = CrashScenario.Thru;

    private OperationsScenario(SandboxProcess sandbox, string psa, string accounting, DirectoryInfo folder)
    {
        Sandbox = sandbox;
        Psa = psa;
        Accounting = accounting;
        Folder = folder.FullName;
        Database = Path.Combine(Folder, "ledger.db");
        Counts = new CrashScenario(sandbox, psa, accounting, Database);
    }

    public SandboxProcess Sandbox { get; }

    public string Psa { get; }

    public string Accounting { get; }

    public string Folder { get; }

    public string Database { get; set; }

    private CrashScenario Counts { get; }

    public static async Task<OperationsScenario> StartAsync(string psa, string accounting, int invoices)
    {
        var folder = Directory.CreateTempSubdirectory("wisesync-ops-");
        var sandbox = await SandboxProcess.StartAsync(invoices);
        return new OperationsScenario(sandbox, psa, accounting, folder);
    }

    /// <summary>A command's arguments: the command, its own options, then the connection options and <c>--json</c>.</summary>
    public string[] Args(string[] command, string? database = null) =>
        [.. command, "--psa", Psa, "--accounting", Accounting, "--sandbox-url", Sandbox.Url.AbsoluteUri, "--db", database ?? Database, "--json"];

    public Task<HarnessOutcome> RunAsync(params string[] command) => HarnessProcess.RunAsync(Args(command));

    public Task<HarnessOutcome> SyncAsync(params string[] options) => RunAsync(["sync", "--thru", Thru, .. options]);

    /// <summary>The numbers of the PSA invoices not yet synced (the harness's own <c>pending --json</c>).</summary>
    public async Task<List<(string Id, string Number)>> PendingAsync()
    {
        var outcome = await RunAsync("pending", "--thru", Thru);
        Assert.True(outcome.ExitCode == 0, $"pending exited {outcome.ExitCode}\n{outcome.Stderr}");
        using var document = JsonDocument.Parse(outcome.Stdout);
        return document.RootElement.GetProperty("invoices").EnumerateArray()
            .Select(i => (i.GetProperty("psaInvoiceId").GetString()!, i.GetProperty("number").GetString()!)).ToList();
    }

    /// <summary>The state of a batch as <c>history --json</c> shows it, or null when it is gone.</summary>
    public async Task<string?> BatchStateAsync(string batchId)
    {
        var outcome = await RunAsync("history");
        Assert.True(outcome.ExitCode == 0, $"history exited {outcome.ExitCode}\n{outcome.Stderr}");
        using var document = JsonDocument.Parse(outcome.Stdout);
        return document.RootElement.GetProperty("batches").EnumerateArray()
            .Where(b => b.GetProperty("batchId").GetString() == batchId)
            .Select(b => b.GetProperty("state").GetString())
            .FirstOrDefault();
    }

    /// <summary>
    /// Every invoice of <paramref name="all"/> is in accounting exactly once and marked synced in the PSA; returns the counts
    /// for the closing note.
    /// </summary>
    public async Task<(int Duplicates, int Lost)> AssertExactlyOnceAsync(IReadOnlyCollection<string> all)
    {
        var counts = await Counts.AccountingCountsAsync();
        var pending = (await PendingAsync()).Select(p => p.Number).ToHashSet(StringComparer.Ordinal);
        var duplicates = counts.Where(c => c.Value > 1).Select(c => $"{c.Key}×{c.Value}").ToList();
        var lost = all.Where(n => counts.GetValueOrDefault(n) != 1 || pending.Contains(n)).ToList();
        Assert.True(duplicates.Count == 0, $"duplicates in {Accounting}: {string.Join(", ", duplicates)}");
        Assert.True(lost.Count == 0, $"lost (not exactly once in {Accounting}, or still pending in {Psa}): {string.Join(", ", lost.Take(20))}");
        return (duplicates.Count, lost.Count);
    }

    public Task<Dictionary<string, int>> AccountingCountsAsync() => Counts.AccountingCountsAsync();

    /// <summary>One value read from the ledger file with a read-only connection of this (test) process.</summary>
    public long LedgerScalar(string sql, string? database = null)
    {
        using var connection = new SqliteConnection($"Data Source={database ?? Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static JsonElement Json(HarnessOutcome outcome)
    {
        Assert.False(string.IsNullOrWhiteSpace(outcome.Stdout), $"no JSON on stdout (exit {outcome.ExitCode})\n{outcome.Stderr}");
        using var document = JsonDocument.Parse(outcome.Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>The harness said what it had to say in one message: no stack trace, no "unexpected" exception dump.</summary>
    public static void AssertOneClearMessage(HarnessOutcome outcome, params string[] expected)
    {
        foreach (var text in expected)
        {
            Assert.Contains(text, outcome.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unexpected", outcome.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Stderr, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleanup.
        }
    }
}
