using System.Text.Json;
using WiseSync.Reliability.Tests.Processes;

namespace WiseSync.Reliability.Tests.Crash;

/// <summary>
/// One PSA × accounting pair against a sandbox process and a ledger file: harness runs (to the end or killed), and the
/// checks of the exactly-once promise read from the sandbox state, the harness's own JSON and the ledger file.
/// </summary>
public sealed class CrashScenario(SandboxProcess sandbox, string psa, string accounting, string database)
{
    public const string Thru = "2026-11-20";

    public SandboxProcess Sandbox { get; } = sandbox;

    public string Database { get; } = database;

    public string[] Args(params string[] command) =>
        [.. command, "--psa", psa, "--accounting", accounting, "--sandbox-url", Sandbox.Url.AbsoluteUri, "--db", Database, "--thru", Thru, "--json"];

    public Task<HarnessOutcome> SyncAsync(TimeSpan? killAfter = null) => HarnessProcess.RunAsync(Args("sync"), killAfter);

    /// <summary>The PSA invoices not yet synced, as the harness's own <c>pending --json</c> lists them.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync()
    {
        var outcome = await HarnessProcess.RunAsync(Args("pending"));
        Assert.True(outcome.ExitCode == 0, $"pending exited {outcome.ExitCode}\n{outcome.Stderr}");
        using var document = JsonDocument.Parse(outcome.Stdout);
        return document.RootElement.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).ToList();
    }

    /// <summary>Numbers of the invoices a report says are red.</summary>
    public static IReadOnlySet<string> RedNumbers(HarnessOutcome outcome)
    {
        Assert.False(string.IsNullOrWhiteSpace(outcome.Stdout), $"no JSON on stdout (exit {outcome.ExitCode})\n{outcome.Stderr}");
        using var document = JsonDocument.Parse(outcome.Stdout);
        return document.RootElement.GetProperty("invoices").EnumerateArray()
            .Where(i => i.GetProperty("status").GetString() == "error")
            .Select(i => i.GetProperty("number").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>How many times each document number exists in the accounting emulator (invoices and credit notes).</summary>
    public async Task<Dictionary<string, int>> AccountingCountsAsync()
    {
        var collections = accounting == "xero"
            ? new[] { ("invoices", "InvoiceNumber"), ("creditnotes", "CreditNoteNumber") }
            : new[] { ("invoices", "DocNumber"), ("creditmemos", "DocNumber") };
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (collection, numberField) in collections)
        {
            foreach (var record in await Sandbox.StateAsync(accounting, collection))
            {
                if (record.TryGetProperty(numberField, out var number) && number.GetString() is { } text)
                {
                    counts[text] = counts.GetValueOrDefault(text) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Ledger intents still in flight (any connection): after a clean run there must be none.</summary>
    public int IntentsInFlight()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM intents;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
