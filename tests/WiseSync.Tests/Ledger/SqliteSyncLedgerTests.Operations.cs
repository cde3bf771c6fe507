using Microsoft.Data.Sqlite;
using NodaTime;
using WiseSync.Ledger.Sqlite;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Ledger;

/// <summary>Issue 17: migration 2 (deleting state, failed PSA writes), later marks, ledger faults with their remedy, the file's care.</summary>
public sealed partial class SqliteSyncLedgerTests
{
    [Fact]
    public async Task Migration_2_upgrades_a_version_1_ledger_and_keeps_its_rows()
    {
        await using (var connection = new SqliteConnection($"Data Source={_file.Path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                PRAGMA journal_mode = WAL;
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
                {LedgerMigrations.Schema.Migrations[0].Sql}
                INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01');
                INSERT INTO batches (id, connection, action, started_at) VALUES ('old', 'acme', 'PostToAccounting', 1);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var ledger = _file.Open(_clock);
        var old = await ledger.GetBatchAsync("old");
        Assert.Null(old!.DeletingAt);
        await ledger.MarkBatchDeletingAsync("old", _clock.GetCurrentInstant());
        await ledger.MarkBatchDeletingAsync("old", _clock.GetCurrentInstant() + Duration.FromHours(1));
        Assert.Equal(_clock.GetCurrentInstant(), (await ledger.GetBatchAsync("old"))!.DeletingAt);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 2"));
    }

    [Fact]
    public async Task Later_marks_are_the_marked_entries_of_batches_that_started_after_and_the_default_member_agrees()
    {
        var ledger = _file.Open(_clock);
        var t = _clock.GetCurrentInstant();
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "acme", SyncAction.PostToAccounting, t));
        await ledger.CreateBatchAsync(new LedgerBatch("b2", "acme", SyncAction.PostToAccounting, t + Duration.FromMinutes(1)));
        await ledger.CreateBatchAsync(new LedgerBatch("b3", "acme", SyncAction.UpdatePaidDates, t + Duration.FromMinutes(2)));
        await ledger.CreateBatchAsync(new LedgerBatch("b4", "acme", SyncAction.MarkSyncedOnly, t + Duration.FromMinutes(3)));
        await ledger.CreateBatchAsync(new LedgerBatch("other", "globex", SyncAction.PostToAccounting, t + Duration.FromMinutes(4)));
        foreach (var (batch, invoice, marked) in new[] { ("b1", "1", true), ("b1", "2", true), ("b1", "3", true), ("b2", "1", true), ("b2", "2", false), ("b3", "3", false), ("b4", "3", true), ("other", "2", true) })
        {
            await ledger.SaveEntryAsync(new LedgerEntry(batch, invoice, "INV-" + invoice, SyncStatus.Success, [], t) { PsaMarked = marked });
        }

        var later = await ledger.GetLaterMarksAsync("acme", "b1", ["1", "2", "3"]);
        var byDefault = await ((ISyncLedger)new SingleItemLedger(ledger)).GetLaterMarksAsync("acme", "b1", ["1", "2", "3"]);

        Assert.Equal(new Dictionary<string, string> { ["1"] = "b2", ["3"] = "b4" }, later);
        Assert.Equal(later, byDefault);
        Assert.Empty(await ledger.GetLaterMarksAsync("acme", "b4", ["1", "2", "3"]));
    }

    [Fact]
    public async Task Failed_psa_writes_round_trip_and_are_forgotten_per_kind()
    {
        var ledger = _file.Open(_clock);
        await ledger.SaveFailedPsaWritesAsync(
        [
            new FailedPsaWrite("acme", "1", PsaWriteKind.SyncedMark, 2, "locked", _clock.GetCurrentInstant()) { PsaNumber = "INV-1", AccountingInvoiceId = "A1", AccountingNumber = "INV-1" },
            new FailedPsaWrite("acme", "1", PsaWriteKind.PaidDate, 3, "closed", _clock.GetCurrentInstant()) { OrphanedAt = _clock.GetCurrentInstant() },
            new FailedPsaWrite("globex", "1", PsaWriteKind.SyncedMark, 1, "locked", _clock.GetCurrentInstant()),
        ]);
        await ledger.SaveFailedPsaWritesAsync([new FailedPsaWrite("acme", "1", PsaWriteKind.SyncedMark, 3, "gone", _clock.GetCurrentInstant()) { OrphanedAt = _clock.GetCurrentInstant(), AccountingInvoiceId = "A1" }]);

        var stored = await ledger.GetFailedPsaWritesAsync("acme");
        Assert.Equal(2, stored.Count);
        var mark = stored.Single(f => f.Kind == PsaWriteKind.SyncedMark);
        Assert.Equal((3, "gone", true, "A1"), (mark.FailedRuns, mark.LastError, mark.IsOrphan, mark.AccountingInvoiceId));

        await ledger.DeleteFailedPsaWritesAsync("acme", PsaWriteKind.SyncedMark, ["1"]);
        Assert.Equal(PsaWriteKind.PaidDate, Assert.Single(await ledger.GetFailedPsaWritesAsync("acme")).Kind);
        Assert.Single(await ledger.GetFailedPsaWritesAsync("globex"));
    }

    [Fact]
    public async Task A_ledger_another_program_keeps_locked_is_a_ledger_exception_naming_the_file()
    {
        await _file.Open(_clock).SetWatermarkAsync("k", "v");
        await using var holder = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        var ledger = new SqliteSyncLedger(new SqliteLedgerOptions { DatabasePath = _file.Path, BusyTimeout = TimeSpan.FromMilliseconds(300) }, _clock);
        var ex = await Assert.ThrowsAsync<LedgerException>(() => ledger.CheckWritableAsync());

        Assert.Equal(LedgerProblem.Locked, ex.Problem);
        Assert.Contains(_file.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("locked by another program", ex.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(ex.InnerException);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_a_damaged_ledger_and_inspection_says_so()
    {
        await File.WriteAllBytesAsync(_file.Path, Enumerable.Repeat((byte)0x5A, 8192).ToArray());

        var ex = await Assert.ThrowsAsync<LedgerException>(() => _file.Open(_clock).GetBatchesAsync("acme", 5));
        Assert.Equal(LedgerProblem.Damaged, ex.Problem);
        Assert.Contains("ledger rebuild", ex.Message, StringComparison.Ordinal);
        Assert.Equal(SqliteLedgerState.Damaged, (await SqliteLedgerFile.InspectAsync(_file.Path)).State);
    }

    [Theory]
    [InlineData(5, LedgerProblem.Locked)]
    [InlineData(6, LedgerProblem.Locked)]
    [InlineData(8, LedgerProblem.ReadOnly)]
    [InlineData(11, LedgerProblem.Damaged)]
    [InlineData(26, LedgerProblem.Damaged)]
    [InlineData(13, LedgerProblem.Full)]
    [InlineData(10, LedgerProblem.DiskError)]
    [InlineData(14 | (1 << 8), LedgerProblem.CannotOpen)]
    public void Sqlite_result_codes_become_the_ledger_problem_a_person_can_act_on(int code, LedgerProblem problem)
    {
        var ex = LedgerException.From(new SqliteException("SQLite Error: 'x'.", code), Path.Combine(Path.GetTempPath(), "missing-folder-" + Guid.NewGuid().ToString("N"), "l.db"));
        Assert.Equal(problem, ex!.Problem);
        Assert.Null(LedgerException.From(new InvalidOperationException("not the ledger"), _file.Path));
        Assert.Null(LedgerException.From(new SqliteException("constraint", 19), _file.Path));
    }

    [Fact]
    public async Task A_damaged_ledger_is_set_aside_whole_and_what_the_vendors_cannot_give_back_is_carried_over()
    {
        var ledger = _file.Open(_clock);
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "acme", SyncAction.PostToAccounting, _clock.GetCurrentInstant()));
        await new SqliteTokenStore(_file.Options).SaveAsync("xero", "acme", new OAuthTokens("at", "rt-rotated", _clock.GetCurrentInstant()));
        await using (var connection = new SqliteConnection($"Data Source={_file.Path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE pay_payers (id TEXT PRIMARY KEY, name TEXT); INSERT INTO pay_payers VALUES ('p1', 'Ann');";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(new SqliteLedgerHealth(SqliteLedgerState.Readable, 1), await SqliteLedgerFile.InspectAsync(_file.Path));
        var aside = SqliteLedgerFile.SetAside(_file.Path, _clock.GetCurrentInstant());
        Assert.False(File.Exists(_file.Path));
        Assert.EndsWith(".damaged-20261120T090000", aside, StringComparison.Ordinal);
        Assert.Equal(SqliteLedgerState.Missing, (await SqliteLedgerFile.InspectAsync(_file.Path)).State);

        var fresh = _file.Open(_clock);
        await fresh.CheckWritableAsync();
        var carried = await SqliteLedgerFile.SalvageAsync(aside, _file.Path);

        Assert.Contains("tokens: 1 row(s) carried over", carried);
        Assert.Contains("pay_payers: 1 row(s) carried over", carried);
        Assert.DoesNotContain(carried, c => c.StartsWith("batches", StringComparison.Ordinal));
        Assert.Equal("rt-rotated", (await new SqliteTokenStore(_file.Options).GetAsync("xero", "acme"))!.RefreshToken);
        Assert.Empty(await fresh.GetBatchesAsync("acme", 5));
        Assert.Equal(new SqliteLedgerHealth(SqliteLedgerState.Readable, 1), await SqliteLedgerFile.InspectAsync(aside));
    }
}
