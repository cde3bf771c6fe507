using NodaTime;
using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

/// <summary>Issue 17: orphans instead of endless retries, a resumable and scoped delete-batch, ledger faults, ledger rebuild.</summary>
public sealed partial class SyncPipelineTests
{
    [Fact]
    public async Task A_mark_the_psa_refuses_in_every_run_becomes_an_orphan_after_the_configured_runs_and_is_not_retried()
    {
        _h.Options.OrphanAfterFailedRuns = 3;
        _h.Psa.Add(Make("1"), Make("2"));
        _h.Psa.RefuseMark.Add("1");

        var first = await _h.PostAsync();
        Assert.Contains("1 of 3 runs failed", Red(first, "1"), StringComparison.Ordinal);
        var second = await _h.PostAsync();
        Assert.Contains("2 of 3 runs failed", Red(second, "1"), StringComparison.Ordinal);
        var third = await _h.PostAsync();
        var accountingId = third.Invoices.Single(i => i.PsaInvoiceId == "1").AccountingInvoiceId;
        var orphanMessage = Red(third, "1");
        Assert.StartsWith("Orphan:", orphanMessage, StringComparison.Ordinal);
        Assert.Contains($"(id {accountingId})", orphanMessage, StringComparison.Ordinal);
        Assert.Contains("invoice INV-1 (id 1)", orphanMessage, StringComparison.Ordinal);
        var orphan = Assert.Single(await _h.Pipeline().GetOrphansAsync());
        Assert.Equal(("1", PsaWriteKind.SyncedMark, 3, accountingId), (orphan.PsaInvoiceId, orphan.Kind, orphan.FailedRuns, orphan.AccountingInvoiceId));
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));

        // Not retried: the PSA still lists it, and it stays red with no write anywhere.
        var marksBefore = _h.Psa.MarkCalls;
        var fourth = await _h.PostAsync();
        Assert.StartsWith("Orphan:", Red(fourth, "1"), StringComparison.Ordinal);
        Assert.Equal(marksBefore, _h.Psa.MarkCalls);
        Assert.Equal((2, 0), (_h.Sink.CreatedInvoices, _h.Sink.UpdatedInvoices));

        // A person resolved it: dismissed, the next run updates the same accounting invoice and writes the mark.
        _h.Psa.RefuseMark.Clear();
        Assert.True(await _h.Pipeline().DismissOrphanAsync("1"));
        Assert.False(await _h.Pipeline().DismissOrphanAsync("1"));
        var fifth = await _h.PostAsync();
        Assert.Equal(SyncStatus.Success, fifth.Invoices.Single().Status);
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.Equal((2, 1), (_h.Sink.CreatedInvoices, _h.Sink.UpdatedInvoices));
        Assert.Empty(await _h.Ledger.GetFailedPsaWritesAsync(PipelineHarness.ConnectionName));
    }

    [Fact]
    public async Task An_invoice_deleted_in_the_psa_after_posting_is_reported_by_recovery_and_then_as_an_orphan()
    {
        _h.Options.OrphanAfterFailedRuns = 2;
        _h.Psa.Add(Make("1"), Make("2"));
        _h.Psa.RefuseMark.Add("1");
        await _h.PostAsync();
        _h.Psa.Remove("1");
        _h.Psa.RefuseMark.Clear();

        // The PSA no longer lists it: only the recovery of the written intent reaches it, and the report says so.
        var second = await _h.PostAsync();
        var message = Red(second, "1");
        Assert.StartsWith("Orphan:", message, StringComparison.Ordinal);
        Assert.Contains("no such invoice", message, StringComparison.Ordinal);
        Assert.Equal(SyncStatus.Error, (await _h.Ledger.GetEntriesAsync(second.BatchId)).Single(e => e.PsaInvoiceId == "1").Status);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));

        var third = await _h.PostAsync();
        Assert.Empty(third.Invoices);
        Assert.Single(await _h.Pipeline().GetOrphansAsync());
    }

    [Fact]
    public async Task A_mark_refused_once_and_then_written_leaves_no_failure_behind()
    {
        _h.Psa.Add(Make("1"));
        _h.Psa.RefuseMark.Add("1");
        await _h.PostAsync();
        Assert.Single(await _h.Ledger.GetFailedPsaWritesAsync(PipelineHarness.ConnectionName));

        _h.Psa.RefuseMark.Clear();
        await _h.PostAsync();
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.Empty(await _h.Ledger.GetFailedPsaWritesAsync(PipelineHarness.ConnectionName));
    }

    [Fact]
    public async Task A_paid_date_the_psa_refuses_becomes_an_orphan_and_is_no_longer_asked_about()
    {
        _h.Options.OrphanAfterFailedRuns = 2;
        _h.Psa.Add(Make("1"), Make("2"));
        await _h.PostAsync();
        _h.Sink.Pay("INV-1", new LocalDate(2026, 11, 25));
        _h.Psa.RefusePaid.Add("1");

        var first = await _h.Pipeline().RunAsync(Request(SyncAction.UpdatePaidDates));
        Assert.Contains("1 of 2 runs failed", Red(first, "1"), StringComparison.Ordinal);
        Assert.Null(await _h.Ledger.GetWatermarkAsync($"{PipelineHarness.ConnectionName}:payment-status"));
        var second = await _h.Pipeline().RunAsync(Request(SyncAction.UpdatePaidDates));
        Assert.StartsWith("Orphan: paid in FakeBooks as INV-1", Red(second, "1"), StringComparison.Ordinal);

        var calls = _h.Psa.SetPaidCalls;
        var third = await _h.Pipeline().RunAsync(Request(SyncAction.UpdatePaidDates));
        Assert.StartsWith("Orphan:", Red(third, "1"), StringComparison.Ordinal);
        Assert.Equal(calls, _h.Psa.SetPaidCalls);
        Assert.Equal(PsaWriteKind.PaidDate, Assert.Single(await _h.Pipeline().GetOrphansAsync()).Kind);
    }

    [Fact]
    public async Task Delete_batch_keeps_a_mark_that_a_later_batch_wrote()
    {
        _h.Psa.Add(Make("1"), Make("2"));
        var first = await _h.PostAsync();

        // The mark of invoice 2 went (by hand, or a deletion cut short) and a later post marked it again.
        await _h.Psa.ClearSyncedAsync(["2"]);
        _h.Clock.Advance(Duration.FromMinutes(1));
        var later = await _h.PostAsync();
        Assert.Equal("2", later.Invoices.Single().PsaInvoiceId);

        var deletion = await _h.Pipeline().DeleteBatchAsync(first.BatchId);

        Assert.True(deletion.BatchDeleted);
        Assert.Null(_h.Psa.Get("1").SyncedMark);
        Assert.NotNull(_h.Psa.Get("2").SyncedMark);
        var kept = deletion.Invoices.Single(i => i.PsaInvoiceId == "2");
        Assert.Equal(SyncStatus.Warning, kept.Status);
        Assert.Contains($"batch {later.BatchId} marked the invoice since", kept.Messages.Single(), StringComparison.Ordinal);
        Assert.Equal(["1"], _h.Scheduler!.Cancelled);
        Assert.NotNull(await _h.Ledger.GetBatchAsync(later.BatchId));
    }

    [Fact]
    public async Task A_deletion_cut_short_shows_as_deleting_and_a_repeat_clears_only_the_marks_the_batch_still_owns()
    {
        _h.Psa.Capabilities = new PsaCapabilities { MaxInvoicesPerMark = 2 };
        _h.Psa.Add(Make("1"), Make("2"), Make("3"), Make("4"));
        var first = await _h.PostAsync();

        // The process dies right after the PSA cleared the first chunk's marks, before the ledger recorded it.
        using var kill = new CancellationTokenSource();
        _h.Psa.AfterClear = call =>
        {
            if (call == 1)
            {
                kill.Cancel();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Pipeline().DeleteBatchAsync(first.BatchId, kill.Token));
        _h.Psa.AfterClear = null;
        var deleting = await _h.Ledger.GetBatchAsync(first.BatchId);
        Assert.NotNull(deleting!.DeletingAt);
        Assert.Equal(4, (await _h.Ledger.GetEntriesAsync(first.BatchId)).Count);
        Assert.Equal([null, null], new[] { _h.Psa.Get("1").SyncedMark, _h.Psa.Get("2").SyncedMark });

        // A post in between syncs the two invoices again; the repeated deletion must leave them synced.
        _h.Clock.Advance(Duration.FromMinutes(1));
        var again = await _h.PostAsync();
        Assert.Equal(["1", "2"], again.Invoices.Select(i => i.PsaInvoiceId));
        var repeat = await _h.Pipeline().DeleteBatchAsync(first.BatchId);

        Assert.True(repeat.BatchDeleted);
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.NotNull(_h.Psa.Get("2").SyncedMark);
        Assert.Null(_h.Psa.Get("3").SyncedMark);
        Assert.Null(_h.Psa.Get("4").SyncedMark);
        Assert.Null(await _h.Ledger.GetBatchAsync(first.BatchId));
        Assert.Equal((4, 2), (_h.Sink.CreatedInvoices, _h.Sink.UpdatedInvoices));
    }

    [Fact]
    public async Task A_ledger_that_fails_mid_run_ends_the_run_instead_of_reddening_the_invoices()
    {
        _h.Psa.Add(Make("1"));
        _h.Sink.UpsertFailure = _ => new LedgerException(LedgerProblem.Full, _h.File.Path, "database or disk is full");

        var ex = await Assert.ThrowsAsync<LedgerException>(() => _h.PostAsync());

        Assert.Equal(LedgerProblem.Full, ex.Problem);
        Assert.Contains(_h.File.Path, ex.Message, StringComparison.Ordinal);
        Assert.Single(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
    }

    [Fact]
    public async Task Rebuild_maps_what_the_psa_marks_and_accounting_holds_and_leaves_someone_elses_document_alone()
    {
        _h.Psa.Add(Make("1"), Make("2", Globex), Make("3"), Make("4"));
        _h.Psa.RefuseMark.Add("3");
        await _h.PostAsync();
        _h.Psa.RefuseMark.Clear();

        // Invoice 6 was marked synced by hand ("do not post"), never posted.
        _h.Psa.Add(Make("6"));
        await _h.Psa.MarkSyncedAsync("by-hand", [new PsaSyncMark("6", _h.Clock.GetCurrentInstant(), null)]);

        // A bookkeeper's own document holds the number of invoice 5, which was never posted.
        var bookkeeper = _h.Sink.AddCustomer("Bookkeeper's customer");
        _h.Psa.Add(Make("5"));
        await _h.Sink.UpsertInvoicesAsync([new AccountingInvoiceDraft("x", "INV-5", DocumentKind.Invoice, bookkeeper.Id, Date, null, "USD", [], 999m, "bk-1")]);

        // The ledger is lost: a new one is rebuilt from the PSA and the accounting system alone.
        using var file = new LedgerFile();
        var ledger = file.Open(_h.Clock);
        var pipeline = new SyncPipeline(PipelineHarness.ConnectionName, _h.Psa, _h.Sink, ledger, _h.Clock, _h.Options, _h.Scheduler);
        var rebuilt = await pipeline.RebuildLedgerAsync(new LocalDate(2026, 11, 30));

        Assert.Equal((6, 4), (rebuilt.Listed, rebuilt.InvoicesMapped));
        Assert.Equal(2, rebuilt.CustomersMapped);
        var status = rebuilt.Report.Invoices.ToDictionary(i => i.PsaInvoiceId, i => i.Status);
        Assert.Equal(SyncStatus.Success, status["1"]);
        Assert.Equal(SyncStatus.Warning, status["3"]);
        Assert.Contains("another total", rebuilt.Report.Invoices.Single(i => i.PsaInvoiceId == "5").Messages.Single(), StringComparison.Ordinal);
        Assert.Contains("has no document numbered INV-6", rebuilt.Report.Invoices.Single(i => i.PsaInvoiceId == "6").Messages.Single(), StringComparison.Ordinal);
        var mappings = await ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ["1", "2", "3", "4", "5", "6"]);
        Assert.Equal(["1", "2", "3", "4"], mappings.Keys.Order());
        Assert.All(mappings.Values, m => Assert.NotNull(m.AccountingCustomerId));
        Assert.Equal(["1", "2", "4"], (await ledger.GetEntriesAsync(rebuilt.Report.BatchId)).Where(e => e.PsaMarked).Select(e => e.PsaInvoiceId).Order());

        // The next post updates invoice 3 (posted, never marked) instead of creating it again, and marks it.
        var created = _h.Sink.CreatedInvoices;
        _h.Sink.RejectNumbers.Add("INV-5");
        var post = await pipeline.RunAsync(PipelineHarness.Post());
        Assert.Equal(SyncStatus.Success, post.Invoices.Single(i => i.PsaInvoiceId == "3").Status);
        Assert.Equal(created, _h.Sink.CreatedInvoices);
        Assert.NotNull(_h.Psa.Get("3").SyncedMark);

        // Payments work on the rebuilt ledger as before.
        _h.Sink.Pay("INV-1", new LocalDate(2026, 11, 26));
        var payments = await pipeline.RunAsync(Request(SyncAction.UpdatePaidDates));
        Assert.Equal(SyncStatus.Success, payments.Invoices.Single(i => i.PsaInvoiceId == "1").Status);
        Assert.Equal(new LocalDate(2026, 11, 26), _h.Psa.Get("1").PaidDate);
    }

    private static string Red(SyncReport report, string psaInvoiceId)
    {
        var result = report.Invoices.Single(i => i.PsaInvoiceId == psaInvoiceId);
        Assert.Equal(SyncStatus.Error, result.Status);
        return Assert.Single(result.Messages);
    }
}
