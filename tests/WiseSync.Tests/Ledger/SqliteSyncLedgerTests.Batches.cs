using Microsoft.Data.Sqlite;
using NodaTime;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Ledger;

public sealed partial class SqliteSyncLedgerTests
{
    private SyncIntent Intent(string id, IntentState state = IntentState.Pending, string connection = "acme") =>
        new(connection, id, "b1", $"INV-{id}", DocumentKind.Invoice, $"key-{id}", $"hash-{id}", state, _clock.GetCurrentInstant());

    [Fact]
    public async Task Intents_saved_in_one_call_are_all_read_back_in_order()
    {
        var ledger = _file.Open(_clock);
        await ledger.SaveIntentsAsync([Intent("3"), Intent("1") with { IsUpdate = true, AccountingInvoiceId = "A1" }, Intent("2")]);

        var intents = await ledger.GetIntentsAsync("acme");
        Assert.Equal(["3", "1", "2"], intents.Select(i => i.PsaInvoiceId));
        Assert.Equal(("key-1", "hash-1", true, "A1"), (intents[1].IdempotencyKey, intents[1].PayloadHash, intents[1].IsUpdate, intents[1].AccountingInvoiceId));
        Assert.All(intents, i => Assert.Equal(IntentState.Pending, i.State));
    }

    [Fact]
    public async Task Deleting_some_intents_in_one_call_keeps_the_rest_and_other_connections()
    {
        var ledger = _file.Open(_clock);
        await ledger.SaveIntentsAsync([Intent("1"), Intent("2"), Intent("3"), Intent("4"), Intent("2", connection: "globex")]);

        await ledger.DeleteIntentsAsync("acme", ["2", "4", "not-there"]);

        Assert.Equal(["1", "3"], (await ledger.GetIntentsAsync("acme")).Select(i => i.PsaInvoiceId));
        Assert.Equal("2", Assert.Single(await ledger.GetIntentsAsync("globex")).PsaInvoiceId);
    }

    [Fact]
    public async Task Entries_saved_in_one_call_keep_their_order_and_replace_earlier_ones()
    {
        var ledger = _file.Open(_clock);
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "acme", SyncAction.PostToAccounting, _clock.GetCurrentInstant()));
        await ledger.SaveEntryAsync(new LedgerEntry("b1", "2", "INV-2", SyncStatus.Error, ["first try"], _clock.GetCurrentInstant()));

        await ledger.SaveEntriesAsync(
        [
            new LedgerEntry("b1", "5", "INV-5", SyncStatus.Success, [], _clock.GetCurrentInstant()) { PsaMarked = true, AccountingInvoiceId = "A5", Total = 5.5m },
            new LedgerEntry("b1", "2", "INV-2", SyncStatus.Warning, ["rounded"], _clock.GetCurrentInstant()) { PsaMarked = true },
            new LedgerEntry("b1", "1", "INV-1", SyncStatus.Success, [], _clock.GetCurrentInstant()),
        ]);

        var entries = await ledger.GetEntriesAsync("b1");
        Assert.Equal(["2", "5", "1"], entries.Select(e => e.PsaInvoiceId));
        Assert.Equal((SyncStatus.Warning, "rounded", true), (entries[0].Status, Assert.Single(entries[0].Messages), entries[0].PsaMarked));
        Assert.Equal(("A5", 5.5m), (entries[1].AccountingInvoiceId, entries[1].Total!.Value));
    }

    [Fact]
    public async Task Saving_written_refs_stores_the_mappings_and_advances_the_intents()
    {
        var ledger = _file.Open(_clock);
        await ledger.SaveIntentsAsync([Intent("1"), Intent("2"), Intent("3")]);
        var later = _clock.GetCurrentInstant() + Duration.FromSeconds(5);

        await ledger.SaveWrittenAsync(
            [
                new InvoiceMapping("acme", "1", "INV-1", "A1", "INV-1", DocumentKind.Invoice, later) { AccountingCustomerId = "C1", Total = 10m },
                new InvoiceMapping("acme", "3", "INV-3", "A3", "INV-3", DocumentKind.Invoice, later),
            ],
            [
                Intent("1", IntentState.Written) with { AccountingInvoiceId = "A1", UpdatedAt = later },
                Intent("3", IntentState.Written) with { AccountingInvoiceId = "A3", UpdatedAt = later },
            ]);

        var mappings = await ledger.GetInvoiceMappingsAsync("acme", ["1", "2", "3"]);
        Assert.Equal(["1", "3"], mappings.Keys.Order());
        Assert.Equal(("A1", "C1", 10m), (mappings["1"].AccountingInvoiceId, mappings["1"].AccountingCustomerId, mappings["1"].Total!.Value));
        var intents = (await ledger.GetIntentsAsync("acme")).ToDictionary(i => i.PsaInvoiceId);
        Assert.Equal((IntentState.Written, "A1", later), (intents["1"].State, intents["1"].AccountingInvoiceId, intents["1"].UpdatedAt));
        Assert.Equal((IntentState.Pending, null), (intents["2"].State, intents["2"].AccountingInvoiceId));
        Assert.Equal((IntentState.Written, "A3"), (intents["3"].State, intents["3"].AccountingInvoiceId));
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_stores_none_of_its_items()
    {
        var ledger = _file.Open(_clock);
        await ledger.SaveIntentAsync(Intent("0"));

        // The third intent breaks a NOT NULL column: the two before it must not stay behind (one transaction per call).
        await Assert.ThrowsAsync<SqliteException>(() => ledger.SaveIntentsAsync([Intent("1"), Intent("2"), Intent("3") with { BatchId = null! }]));
        await Assert.ThrowsAsync<SqliteException>(() => ledger.SaveWrittenAsync(
            [new InvoiceMapping("acme", "0", "INV-0", "A0", "INV-0", DocumentKind.Invoice, _clock.GetCurrentInstant()), new InvoiceMapping("acme", "9", "INV-9", "A9", "INV-9", DocumentKind.Invoice, _clock.GetCurrentInstant())],
            [Intent("0", IntentState.Written), Intent("9", IntentState.Written) with { PayloadHash = null! }]));

        var intent = Assert.Single(await ledger.GetIntentsAsync("acme"));
        Assert.Equal(("0", IntentState.Pending), (intent.PsaInvoiceId, intent.State));
        Assert.Empty(await ledger.GetInvoiceMappingsAsync("acme", ["0", "9"]));
    }

    [Fact]
    public async Task Empty_batches_are_no_ops_that_never_open_the_database()
    {
        // A path below a regular file can never be opened: any connection attempt would throw.
        var blocker = Path.Combine(Path.GetDirectoryName(_file.Path)!, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var ledger = new SqliteSyncLedger(new SqliteLedgerOptions { DatabasePath = Path.Combine(blocker, "ledger.db") }, _clock);
        await Assert.ThrowsAnyAsync<Exception>(() => ledger.SaveIntentsAsync([Intent("1")]));

        await ledger.SaveIntentsAsync([]);
        await ledger.DeleteIntentsAsync("acme", []);
        await ledger.SaveEntriesAsync([]);
        await ledger.SaveWrittenAsync([], []);
    }

    [Fact]
    public async Task Written_refs_need_one_intent_per_mapping_in_the_sqlite_ledger_and_the_default()
    {
        var sqlite = _file.Open(_clock);
        ISyncLedger singleItem = new SingleItemLedger(sqlite);
        InvoiceMapping[] mappings = [new("acme", "1", "INV-1", "A1", "INV-1", DocumentKind.Invoice, _clock.GetCurrentInstant())];

        await Assert.ThrowsAsync<ArgumentException>(() => sqlite.SaveWrittenAsync(mappings, []));
        await Assert.ThrowsAsync<ArgumentException>(() => singleItem.SaveWrittenAsync(mappings, []));
        Assert.Empty(await sqlite.GetInvoiceMappingsAsync("acme", ["1"]));
    }

    [Fact]
    public async Task The_default_batch_members_write_item_by_item_in_order()
    {
        var sqlite = _file.Open(_clock);
        var logged = new SingleItemLedger(sqlite);
        ISyncLedger ledger = logged;
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "acme", SyncAction.PostToAccounting, _clock.GetCurrentInstant()));

        await ledger.SaveIntentsAsync([Intent("1"), Intent("2")]);
        await ledger.SaveWrittenAsync(
            [new InvoiceMapping("acme", "1", "INV-1", "A1", "INV-1", DocumentKind.Invoice, _clock.GetCurrentInstant()), new InvoiceMapping("acme", "2", "INV-2", "A2", "INV-2", DocumentKind.Invoice, _clock.GetCurrentInstant())],
            [Intent("1", IntentState.Written), Intent("2", IntentState.Written)]);
        await ledger.DeleteIntentsAsync("acme", ["2"]);
        await ledger.SaveEntriesAsync([new LedgerEntry("b1", "2", "INV-2", SyncStatus.Success, [], _clock.GetCurrentInstant()), new LedgerEntry("b1", "1", "INV-1", SyncStatus.Success, [], _clock.GetCurrentInstant())]);

        Assert.Equal(
            ["intent:1:Pending", "intent:2:Pending", "mapping:1", "intent:1:Written", "mapping:2", "intent:2:Written", "delete-intent:2", "entry:2", "entry:1"],
            logged.Writes);
        var remaining = Assert.Single(await sqlite.GetIntentsAsync("acme"));
        Assert.Equal(("1", IntentState.Written), (remaining.PsaInvoiceId, remaining.State));
        Assert.Equal(["2", "1"], (await sqlite.GetEntriesAsync("b1")).Select(e => e.PsaInvoiceId));
    }
}
