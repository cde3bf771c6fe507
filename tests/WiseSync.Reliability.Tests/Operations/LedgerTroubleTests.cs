using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Operations;

/// <summary>
/// Issue 17 item 8: a ledger that is read-only, locked, damaged or on a full disk ends the harness with exit 4 and one message
/// naming the file and the remedy (no stack trace), writes nothing to the vendors it could not record, and afterwards the
/// connection recovers (or is rebuilt) with every invoice in accounting exactly once and marked synced.
/// </summary>
public sealed class LedgerTroubleTests(ITestOutputHelper output)
{
    private const int Invoices = 40;

    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "connectwise", "quickbooks" },
    };

    [MountNamespaceTheory]
    [MemberData(nameof(Pairs))]
    public async Task A_read_only_ledger_exits_4_naming_the_file_then_a_writable_one_finishes_exactly_once(string psa, string accounting)
    {
        await using var scenario = await OperationsScenario.StartAsync(psa, accounting, Invoices);
        var (all, posted) = await PostAFewAsync(scenario);

        var readOnly = await MountNamespace.RunReadOnlyAsync(scenario.Folder, scenario.Args(["sync", "--thru", OperationsScenario.Thru]));

        Assert.True(readOnly.ExitCode == 4, $"exit {readOnly.ExitCode}\n{readOnly.Stderr}");
        OperationsScenario.AssertOneClearMessage(readOnly, $"The ledger {scenario.Database} is read-only", "Make them writable");
        Assert.Equal(posted, (await scenario.AccountingCountsAsync()).Count);
        await RecoverAsync(scenario, all, "read-only", readOnly);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_ledger_locked_by_another_program_exits_4_naming_the_file_then_finishes_exactly_once(string psa, string accounting)
    {
        await using var scenario = await OperationsScenario.StartAsync(psa, accounting, Invoices);
        var (all, posted) = await PostAFewAsync(scenario);

        Task<Processes.HarnessOutcome> locked;
        await using (var holder = new SqliteConnection($"Data Source={scenario.Database};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }

            locked = scenario.RunAsync("sync", "--thru", OperationsScenario.Thru, "--ledger-timeout", "2");
            await locked;
        }

        var outcome = await locked;
        Assert.True(outcome.ExitCode == 4, $"exit {outcome.ExitCode}\n{outcome.Stderr}");
        OperationsScenario.AssertOneClearMessage(outcome, $"The ledger {scenario.Database} is locked by another program", "--ledger-timeout");
        Assert.Equal(posted, (await scenario.AccountingCountsAsync()).Count);
        await RecoverAsync(scenario, all, "locked", outcome);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_damaged_ledger_exits_4_and_ledger_rebuild_restores_the_mappings_with_nothing_twice_and_nothing_lost(string psa, string accounting)
    {
        await using var scenario = await OperationsScenario.StartAsync(psa, accounting, Invoices);
        var (all, _) = await PostAFewAsync(scenario);

        // A run killed once it has posted more: invoices in accounting whose PSA mark may not be written yet.
        using (var run = KillableHarness.Start(scenario.Args(["sync", "--thru", OperationsScenario.Thru])))
        {
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            while (!run.Exited.IsCompleted && (await scenario.AccountingCountsAsync()).Count <= 10 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            run.Kill();
            await run.OutcomeAsync();
        }

        var inAccounting = (await scenario.AccountingCountsAsync()).Count;
        var pendingBefore = (await scenario.PendingAsync()).Count;
        DamageTable(scenario.Database, "invoice_mappings");

        var damaged = await scenario.SyncAsync();
        Assert.True(damaged.ExitCode == 4, $"exit {damaged.ExitCode}\n{damaged.Stderr}");
        OperationsScenario.AssertOneClearMessage(damaged, $"The ledger {scenario.Database} is damaged", $"ledger rebuild --db {scenario.Database}");
        Assert.Equal(inAccounting, (await scenario.AccountingCountsAsync()).Count);

        var rebuild = await scenario.RunAsync("ledger", "rebuild", "--thru", OperationsScenario.Thru);
        Assert.True(rebuild.ExitCode == 0, $"rebuild exit {rebuild.ExitCode}\n{rebuild.Stderr}");
        Assert.Contains("tokens: 1 row(s) carried over", rebuild.Stderr, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(scenario.Folder, "ledger.db.damaged-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        var mapped = OperationsScenario.Json(rebuild).GetProperty("rebuild").GetProperty("invoiceMappings").GetInt32();
        Assert.Equal(inAccounting, mapped);

        var after = await scenario.SyncAsync();
        Assert.True(after.ExitCode == 0, $"exit {after.ExitCode}\n{after.Stderr}");
        var (duplicates, lost) = await scenario.AssertExactlyOnceAsync(all);
        Note($"{psa}×{accounting} damaged: {inAccounting} in accounting ({Invoices - pendingBefore} marked) when the ledger broke, exit {damaged.ExitCode}; " +
            $"rebuild mapped {mapped}; duplicates {duplicates}, lost {lost}");
    }

    [MountNamespaceTheory]
    [MemberData(nameof(Pairs))]
    public async Task A_ledger_on_a_full_disk_exits_4_naming_the_file_then_the_moved_ledger_finishes_exactly_once(string psa, string accounting)
    {
        await using var scenario = await OperationsScenario.StartAsync(psa, accounting, Invoices);
        var all = (await scenario.PendingAsync()).Select(p => p.Number).ToList();
        var tiny = Directory.CreateDirectory(Path.Combine(scenario.Folder, "tiny")).FullName;
        var moved = Directory.CreateDirectory(Path.Combine(scenario.Folder, "moved")).FullName;
        var onTinyDisk = Path.Combine(tiny, "ledger.db");

        // A 320 KiB disk holds the new ledger's tables and the first writes of the run, then fills up.
        var full = await MountNamespace.RunOnTinyDiskAsync(tiny, 320, moved, scenario.Args(["sync", "--thru", OperationsScenario.Thru], onTinyDisk));

        Assert.True(full.ExitCode == 4, $"exit {full.ExitCode}\n{full.Stderr}");
        OperationsScenario.AssertOneClearMessage(full, $"The ledger {onTinyDisk} cannot grow", "Free space");
        var inAccounting = (await scenario.AccountingCountsAsync()).Count;

        // The ledger moved to a disk with room: the next run reconciles what was in flight.
        scenario.Database = Path.Combine(moved, "ledger.db");
        var batches = scenario.LedgerScalar("SELECT COUNT(*) FROM batches");
        await RecoverAsync(scenario, all, $"full ({batches} batch(es) recorded, {inAccounting} in accounting when the disk filled)", full);
    }

    /// <summary>A first sync of ten invoices, so the ledger has batches, mappings and stored tokens before it breaks.</summary>
    private static async Task<(List<string> All, int Posted)> PostAFewAsync(OperationsScenario scenario)
    {
        var pending = await scenario.PendingAsync();
        var first = await scenario.SyncAsync([.. pending.Take(10).SelectMany(p => new[] { "--invoice", p.Id })]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        return (pending.Select(p => p.Number).ToList(), (await scenario.AccountingCountsAsync()).Count);
    }

    private async Task RecoverAsync(OperationsScenario scenario, List<string> all, string what, Processes.HarnessOutcome trouble)
    {
        var next = await scenario.SyncAsync();
        Assert.True(next.ExitCode == 0, $"exit {next.ExitCode}\n{next.Stderr}");
        var (duplicates, lost) = await scenario.AssertExactlyOnceAsync(all);
        Note($"{scenario.Psa}×{scenario.Accounting} {what}: exit {trouble.ExitCode} in {trouble.Elapsed.TotalSeconds:F1} s, then exit {next.ExitCode}; duplicates {duplicates}, lost {lost}");
    }

    /// <summary>Overwrites the root page of one table with garbage, as a bad sector or a stray write would.</summary>
    private static void DamageTable(string database, string table)
    {
        long page, pageSize;
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA page_size;";
            pageSize = (long)command.ExecuteScalar()!;
            command.CommandText = $"SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = '{table}';";
            page = (long)command.ExecuteScalar()!;
        }

        using var file = new FileStream(database, FileMode.Open, FileAccess.Write);
        file.Seek((page - 1) * pageSize, SeekOrigin.Begin);
        file.Write(Enumerable.Repeat((byte)0xFF, (int)pageSize).ToArray());
    }

    private void Note(string note)
    {
        output.WriteLine(note);
        Console.WriteLine("OPS " + note);
    }
}
