using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using WiseSync.ConnectWise.Invoices;
using WiseSync.ConnectWise.Tests.Infrastructure;
using static WiseSync.ConnectWise.Tests.PendingInvoicesTests;

namespace WiseSync.ConnectWise.Tests;

public sealed class MarkSyncedTests
{
    private static readonly LocalDate FarThru = new(2027, 12, 31);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 9, 0);

    private static PsaSyncMark[] Marks(params int[] ids) =>
        ids.Select(id => new PsaSyncMark(id.ToString(CultureInfo.InvariantCulture), Now, null)).ToArray();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Mark_synced_creates_one_batch_visible_in_sandbox_state()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 20);
        var source = sandbox.Source();

        var results = await source.MarkSyncedAsync("wisesync-run1-chunk1", Marks(70001, 70002, 70003));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var batches = await sandbox.StateAsync("batches");
        var batch = Assert.Single(batches)!;
        Assert.Equal("wisesync-run1-chunk1", (string)batch["batchIdentifier"]!);
        Assert.Equal([70001, 70002, 70003], ((JsonArray)batch["invoiceIds"]!).Select(n => (int)n!).ToArray());
        var invoices = await sandbox.StateAsync("invoices");
        Assert.Equal("wisesync-run1-chunk1", (string)invoices.Single(i => (int)i!["id"]! == 70002)!["glBatch"]!["name"]!);
        var pending = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));
        Assert.Equal(17, pending.Count);
        Assert.DoesNotContain(pending, i => i.Id is "70001" or "70002" or "70003");
    }

    [Fact]
    public async Task Marking_the_same_chunk_again_creates_no_second_batch()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10);
        var source = sandbox.Source();

        var first = await source.MarkSyncedAsync("chunk-a", Marks(70001, 70002));
        var again = await source.MarkSyncedAsync("chunk-a", Marks(70001, 70002));

        Assert.All(first.Concat(again), r => Assert.True(r.Succeeded, r.Error));
        Assert.Single(await sandbox.StateAsync("batches"));
        var (_, byRoute) = await sandbox.StatsAsync();
        Assert.Equal(1, (int)byRoute["POST /finance/accounting/batches"]!);
    }

    [Fact]
    public async Task Clearing_one_invoice_of_a_batch_leaves_the_others_posted()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10);
        var source = sandbox.Source();
        await source.MarkSyncedAsync("chunk-b", Marks(70001, 70002, 70003));

        var cleared = await source.ClearSyncedAsync([Id(70002)]);

        Assert.True(cleared.Single().Succeeded, cleared.Single().Error);
        var batch = Assert.Single(await sandbox.StateAsync("batches"))!;
        Assert.NotEqual("chunk-b", (string)batch["batchIdentifier"]!);
        Assert.StartsWith("chunk-b-R", (string)batch["batchIdentifier"]!, StringComparison.Ordinal);
        Assert.Equal([70001, 70003], ((JsonArray)batch["invoiceIds"]!).Select(n => (int)n!).ToArray());
        var pending = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));
        Assert.Contains(pending, i => i.Id == "70002");
        Assert.DoesNotContain(pending, i => i.Id is "70001" or "70003");
    }

    [Fact]
    public async Task Clearing_every_invoice_of_a_batch_deletes_it()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10);
        var source = sandbox.Source();
        await source.MarkSyncedAsync("chunk-c", Marks(70004, 70005));

        var cleared = await source.ClearSyncedAsync([Id(70004), Id(70005), Id(70006)]);

        Assert.All(cleared, r => Assert.True(r.Succeeded, r.Error));
        Assert.Empty(await sandbox.StateAsync("batches"));
        Assert.Equal(10, (await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru)))).Count);
    }

    [Fact]
    public async Task Marking_a_cleared_invoice_again_uses_a_new_identifier()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10);
        var source = sandbox.Source();
        await source.MarkSyncedAsync("chunk-d", Marks(70001, 70002));
        await source.ClearSyncedAsync([Id(70001)]);

        var again = await source.MarkSyncedAsync("chunk-d", Marks(70001));

        Assert.True(again.Single().Succeeded, again.Single().Error);
        var identifiers = (await sandbox.StateAsync("batches")).Select(b => (string)b!["batchIdentifier"]!).ToList();
        Assert.Equal(2, identifiers.Count);
        Assert.Equal(identifiers.Count, identifiers.Distinct().Count());
        Assert.All(identifiers, i => Assert.True(i.Length <= 50));
    }

    [Fact]
    public async Task Invoice_without_complete_GL_mapping_is_red_with_the_reason_and_the_rest_is_batched()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, problems: [new { kind = "glMappingMissing", vendor = "connectwise", invoiceId = 70002 }]);
        var source = sandbox.Source();

        var results = await source.MarkSyncedAsync("chunk-e", Marks(70001, 70002, 70003));

        Assert.True(results[0].Succeeded, results[0].Error);
        Assert.False(results[1].Succeeded);
        Assert.Contains("GL mapping incomplete", results[1].Error, StringComparison.Ordinal);
        Assert.Contains("INV-10002", results[1].Error, StringComparison.Ordinal);
        Assert.True(results[2].Succeeded, results[2].Error);
        var batch = Assert.Single(await sandbox.StateAsync("batches"))!;
        Assert.Equal([70001, 70003], ((JsonArray)batch["invoiceIds"]!).Select(n => (int)n!).ToArray());
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_red_and_do_not_stop_the_others()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5);
        var source = sandbox.Source();

        var results = await source.MarkSyncedAsync("chunk-f", [
            new PsaSyncMark("99999", Now, null), new PsaSyncMark("abc", Now, null), new PsaSyncMark("70001", Now, null)]);

        Assert.Contains("not found", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("not a ConnectWise invoice id", results[1].Error, StringComparison.Ordinal);
        Assert.True(results[2].Succeeded, results[2].Error);
    }

    [Fact]
    public async Task A_batch_key_longer_than_50_characters_is_shortened_deterministically()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5);
        var key = new string('k', 70);

        var results = await sandbox.Source().MarkSyncedAsync(key, Marks(70001));

        Assert.True(results.Single().Succeeded, results.Single().Error);
        var identifier = (string)Assert.Single(await sandbox.StateAsync("batches"))!["batchIdentifier"]!;
        Assert.Equal(50, identifier.Length);
        Assert.Equal(WiseSync.ConnectWise.Invoices.BatchIdentifiers.ForKey(key), identifier);
    }

    [Fact]
    public async Task Already_synced_invoices_are_listed_with_their_mark_when_asked()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 6);
        var source = sandbox.Source();
        await source.MarkSyncedAsync("chunk-g", Marks(70001));

        var all = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru) { IncludeAlreadySynced = true }));

        Assert.Equal(6, all.Count);
        var synced = all.Single(i => i.Id == "70001");
        Assert.NotNull(synced.SyncedMark);
        Assert.NotEmpty(synced.Lines);
        Assert.All(all.Where(i => i.Id != "70001"), i => Assert.Null(i.SyncedMark));
    }
}
