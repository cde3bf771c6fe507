using NodaTime;
using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests
{
    private static SyncRequest Request(SyncAction action) => new(action, new LocalDate(2026, 11, 30));

    [Fact]
    public async Task Mark_synced_only_marks_the_psa_in_a_do_not_post_batch_and_leaves_accounting_alone()
    {
        _h.Psa.Add(Make("1"), Make("2"));
        var report = await _h.Pipeline().RunAsync(Request(SyncAction.MarkSyncedOnly));

        Assert.Equal(new SyncTotals(2, 2, 0, 0), report.Totals);
        Assert.Equal(0, _h.Sink.WriteCalls);
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.Equal(SyncAction.MarkSyncedOnly, (await _h.Ledger.GetBatchAsync(report.BatchId))!.Action);
        Assert.All(await _h.Ledger.GetEntriesAsync(report.BatchId), e => Assert.True(e.PsaMarked));
        Assert.All(report.Invoices, i => Assert.Null(i.Payment));
        Assert.Empty(_h.Scheduler!.Scheduled);
    }

    [Fact]
    public async Task Update_paid_dates_writes_the_psa_paid_date_settles_the_payment_and_stores_the_watermark()
    {
        _h.Psa.Add(Make("1"), Make("2"));
        await _h.PostAsync();
        _h.Sink.Pay("INV-1", new LocalDate(2026, 11, 25));

        var report = await _h.Pipeline().RunAsync(Request(SyncAction.UpdatePaidDates));

        var paid = Assert.Single(report.Invoices);
        Assert.Equal(("1", SyncStatus.Success), (paid.PsaInvoiceId, paid.Status));
        Assert.Equal(new LocalDate(2026, 11, 25), _h.Psa.Get("1").PaidDate);
        Assert.Null(_h.Psa.Get("2").PaidDate);
        Assert.Equal([("1", new LocalDate(2026, 11, 25))], _h.Scheduler!.Settled);
        Assert.Equal(new LocalDate(2026, 11, 25), (await _h.Ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ["1"]))["1"].PaidDate);
        Assert.NotNull(await _h.Ledger.GetWatermarkAsync($"{PipelineHarness.ConnectionName}:payment-status"));

        var again = await _h.Pipeline().RunAsync(Request(SyncAction.UpdatePaidDates));
        Assert.Empty(again.Invoices);
        Assert.Equal(1, _h.Psa.SetPaidCalls);
        Assert.NotNull(_h.Sink.PaymentWatermarksSeen[^1]);
    }

    [Fact]
    public async Task Update_paid_dates_asks_in_batches_of_the_configured_size()
    {
        _h.Options.PaymentStatusBatchSize = 2;
        _h.Psa.Add(Make("1"), Make("2"), Make("3"));
        await _h.PostAsync();
        await _h.Pipeline().RunAsync(Request(SyncAction.UpdatePaidDates));
        Assert.Equal(2, _h.Sink.PaymentStatusCalls);
    }

    [Fact]
    public async Task Delete_batch_clears_the_marks_cancels_payments_and_a_repost_updates_the_same_invoices()
    {
        _h.Psa.Add(Make("1"), Make("2"));
        var posted = await _h.PostAsync();

        var deletion = await _h.Pipeline().DeleteBatchAsync(posted.BatchId);

        Assert.True(deletion.BatchDeleted);
        Assert.All(deletion.Invoices, i => Assert.Equal(SyncStatus.Success, i.Status));
        Assert.Null(_h.Psa.Get("1").SyncedMark);
        Assert.Equal(["1", "2"], _h.Scheduler!.Cancelled);
        Assert.Null(await _h.Ledger.GetBatchAsync(posted.BatchId));
        Assert.Equal(2, (await _h.Ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ["1", "2"])).Count);

        var reposted = await _h.PostAsync();
        Assert.Equal(2, _h.Sink.CreatedInvoices);
        Assert.Equal(2, _h.Sink.UpdatedInvoices);
        Assert.Equal(posted.Invoices.Select(i => i.AccountingInvoiceId), reposted.Invoices.Select(i => i.AccountingInvoiceId));
    }

    [Fact]
    public async Task Delete_entry_removes_one_invoice_and_keeps_the_batch()
    {
        _h.Psa.Add(Make("1"), Make("2"));
        var posted = await _h.PostAsync();
        var deletion = await _h.Pipeline().DeleteEntryAsync(posted.BatchId, "2");

        Assert.False(deletion.BatchDeleted);
        Assert.Equal("2", deletion.Invoices.Single().PsaInvoiceId);
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.Null(_h.Psa.Get("2").SyncedMark);
        Assert.Equal(["1"], (await _h.Ledger.GetEntriesAsync(posted.BatchId)).Select(e => e.PsaInvoiceId));
    }

    [Fact]
    public async Task Deleting_an_unknown_batch_is_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<WiseSyncException>(() => _h.Pipeline().DeleteBatchAsync("nope"));
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_lists_batches_with_totals_and_details_list_entries()
    {
        _h.Psa.Add(Make("1"));
        var post = await _h.PostAsync();
        _h.Clock.Advance(Duration.FromMinutes(5));
        var payments = await _h.Pipeline().RunAsync(Request(SyncAction.UpdatePaidDates));

        var history = await _h.Pipeline().GetHistoryAsync();
        Assert.Equal([payments.BatchId, post.BatchId], history.Select(b => b.Id));
        Assert.Equal(new SyncTotals(1, 1, 0, 0), history[1].Totals);
        var details = await _h.Pipeline().GetBatchAsync(post.BatchId);
        Assert.Equal("1", details!.Entries.Single().PsaInvoiceId);
    }
}
