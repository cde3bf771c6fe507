using Microsoft.Data.Sqlite;
using NodaTime;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Ledger;

public sealed partial class SqliteSyncLedgerTests : IDisposable
{
    private readonly LedgerFile _file = new();
    private readonly FakeClock _clock = FakeClock.FromUtc(2026, 11, 20, 9, 0, 0);

    public void Dispose() => _file.Dispose();

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Migrations_are_recorded_once_and_the_file_is_in_wal_mode()
    {
        await _file.Open(_clock).SetWatermarkAsync("k", "1");
        await _file.Open(_clock).SetWatermarkAsync("k", "2");
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 1"));
        Assert.Equal("wal", await ScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Tables_of_other_packages_in_the_same_file_are_kept()
    {
        await using (var connection = new SqliteConnection($"Data Source={_file.Path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE pay_schema_migrations (version INTEGER PRIMARY KEY); INSERT INTO pay_schema_migrations VALUES (7);";
            await command.ExecuteNonQueryAsync();
        }

        await _file.Open(_clock).SetWatermarkAsync("k", "v");
        Assert.Equal(7L, await ScalarAsync<long>("SELECT version FROM pay_schema_migrations"));
        Assert.Equal("v", await _file.Open(_clock).GetWatermarkAsync("k"));
    }

    [Fact]
    public async Task Ledger_contents_survive_reopening_the_file()
    {
        var ledger = _file.Open(_clock);
        var now = _clock.GetCurrentInstant();
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "acme", SyncAction.PostToAccounting, now));
        await ledger.SaveEntryAsync(new LedgerEntry("b1", "i1", "INV-1", SyncStatus.Warning, ["rounded", "no due date"], now)
        {
            PsaMarked = true, AccountingInvoiceId = "A1", AccountingNumber = "INV-1", Total = 12.34m,
            AccountingUrl = new Uri("https://books.example/A1"), Payment = PaymentQueueStatus.NoPayer, PaymentMessage = "no payer",
        });
        await ledger.FinishBatchAsync("b1", now + Duration.FromMinutes(1), new SyncTotals(1, 0, 1, 0), null);
        await ledger.SaveInvoiceMappingAsync(new InvoiceMapping("acme", "i1", "INV-1", "A1", "INV-1", DocumentKind.Invoice, now) { Total = 12.34m, PaidDate = new LocalDate(2026, 11, 30) });
        await ledger.SaveCustomerMappingAsync(new CustomerMapping("acme", "co-1", "C1", now) { IsManual = true, AccountingCustomerName = "Acme" });
        await ledger.SaveIntentAsync(new SyncIntent("acme", "i2", "b1", "INV-2", DocumentKind.CreditNote, "key", "hash", IntentState.Written, now) { AccountingInvoiceId = "A2", IsUpdate = true });

        SqliteConnection.ClearAllPools();
        var reopened = _file.Open(_clock);
        var batch = await reopened.GetBatchAsync("b1");
        Assert.Equal(new SyncTotals(1, 0, 1, 0), batch!.Totals);
        Assert.Equal(now + Duration.FromMinutes(1), batch.FinishedAt);
        var entry = Assert.Single(await reopened.GetEntriesAsync("b1"));
        Assert.Equal(["rounded", "no due date"], entry.Messages);
        Assert.Equal((true, "A1", 12.34m, PaymentQueueStatus.NoPayer), (entry.PsaMarked, entry.AccountingInvoiceId, entry.Total!.Value, entry.Payment!.Value));
        var mapping = (await reopened.GetInvoiceMappingsAsync("acme", ["i1", "missing"]))["i1"];
        Assert.Equal(new LocalDate(2026, 11, 30), mapping.PaidDate);
        Assert.True((await reopened.GetCustomerMappingsAsync("acme", ["co-1"]))["co-1"].IsManual);
        var intent = Assert.Single(await reopened.GetIntentsAsync("acme"));
        Assert.Equal((IntentState.Written, DocumentKind.CreditNote, "A2", true), (intent.State, intent.Kind, intent.AccountingInvoiceId, intent.IsUpdate));
    }

    [Fact]
    public async Task Deleting_a_batch_keeps_the_invoice_and_customer_mappings()
    {
        var ledger = _file.Open(_clock);
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "acme", SyncAction.PostToAccounting, _clock.GetCurrentInstant()));
        await ledger.SaveEntryAsync(new LedgerEntry("b1", "i1", "INV-1", SyncStatus.Success, [], _clock.GetCurrentInstant()));
        await ledger.SaveInvoiceMappingAsync(new InvoiceMapping("acme", "i1", "INV-1", "A1", "INV-1", DocumentKind.Invoice, _clock.GetCurrentInstant()));
        await ledger.SaveCustomerMappingAsync(new CustomerMapping("acme", "co-1", "C1", _clock.GetCurrentInstant()));
        await ledger.DeleteBatchAsync("b1");
        Assert.Null(await ledger.GetBatchAsync("b1"));
        Assert.Empty(await ledger.GetEntriesAsync("b1"));
        Assert.Single(await ledger.GetInvoiceMappingsAsync("acme", ["i1"]));
        Assert.Single(await ledger.GetCustomerMappingsAsync("acme", ["co-1"]));
    }

    [Fact]
    public async Task Unpaid_mappings_are_those_a_live_marked_post_entry_covers()
    {
        var ledger = _file.Open(_clock);
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "acme", SyncAction.PostToAccounting, _clock.GetCurrentInstant()));
        foreach (var id in new[] { "i1", "i2", "i3" })
        {
            await ledger.SaveInvoiceMappingAsync(new InvoiceMapping("acme", id, id, "A" + id, id, DocumentKind.Invoice, _clock.GetCurrentInstant()) { PaidDate = id == "i3" ? new LocalDate(2026, 1, 1) : null });
        }

        await ledger.SaveEntryAsync(new LedgerEntry("b1", "i1", "i1", SyncStatus.Success, [], _clock.GetCurrentInstant()) { PsaMarked = true, AccountingInvoiceId = "Ai1" });
        await ledger.SaveEntryAsync(new LedgerEntry("b1", "i3", "i3", SyncStatus.Success, [], _clock.GetCurrentInstant()) { PsaMarked = true, AccountingInvoiceId = "Ai3" });
        var unpaid = await ledger.GetUnpaidInvoiceMappingsAsync("acme");
        Assert.Equal(["i1"], unpaid.Select(m => m.PsaInvoiceId));
    }

    [Fact]
    public async Task History_lists_a_connections_batches_newest_first()
    {
        var ledger = _file.Open(_clock);
        await ledger.CreateBatchAsync(new LedgerBatch("old", "acme", SyncAction.PostToAccounting, _clock.GetCurrentInstant()));
        await ledger.CreateBatchAsync(new LedgerBatch("new", "acme", SyncAction.UpdatePaidDates, _clock.GetCurrentInstant() + Duration.FromHours(1)));
        await ledger.CreateBatchAsync(new LedgerBatch("other", "globex", SyncAction.PostToAccounting, _clock.GetCurrentInstant()));
        Assert.Equal(["new", "old"], (await ledger.GetBatchesAsync("acme", 10)).Select(b => b.Id));
    }
}
