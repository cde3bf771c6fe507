using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests : IDisposable
{
    private readonly PipelineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Post_creates_the_invoices_marks_the_psa_and_records_the_ledger()
    {
        _h.Psa.Add(Make("1"), Make("2", Globex));
        var report = await _h.PostAsync();

        Assert.Equal(new SyncTotals(2, 2, 0, 0), report.Totals);
        Assert.Equal(2, _h.Sink.CreatedInvoices);
        Assert.All(new[] { "1", "2" }, id => Assert.NotNull(_h.Psa.Get(id).SyncedMark));
        var entries = await _h.Ledger.GetEntriesAsync(report.BatchId);
        Assert.All(entries, e => Assert.True(e.PsaMarked));
        Assert.Equal(2, (await _h.Ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ["1", "2"])).Count);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
        var batch = await _h.Ledger.GetBatchAsync(report.BatchId);
        Assert.Equal(report.Totals, batch!.Totals);
        Assert.NotNull(batch.FinishedAt);
        Assert.Equal("ACC-", report.Invoices[0].AccountingInvoiceId![..4]);
        Assert.NotNull(report.Invoices[0].AccountingUrl);
    }

    [Fact]
    public async Task Customers_are_resolved_once_per_company_per_run_across_chunks()
    {
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 2 };
        _h.Psa.Add(Make("1"), Make("2", Globex), Make("3"), Make("4", Globex), Make("5"));
        var report = await _h.PostAsync();

        Assert.Equal(5, report.Totals.Success);
        var requested = _h.Sink.EnsureRequests.SelectMany(r => r).Select(r => r.Company.Id).ToList();
        Assert.Equal(["co-1", "co-2"], requested.Order());
        Assert.Equal(2, _h.Sink.CreatedCustomers);
        Assert.Equal(3, _h.Sink.UpsertCalls);
    }

    [Fact]
    public async Task Batch_keys_are_deterministic_per_chunk_and_at_most_50_characters()
    {
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 2 };
        _h.Psa.Add(Make("1"), Make("2"), Make("3"));
        var report = await _h.PostAsync();
        Assert.Equal(2, _h.Psa.BatchKeys.Distinct().Count());
        Assert.All(_h.Psa.BatchKeys, k => Assert.True(k.Length <= 50));
        Assert.All(_h.Psa.BatchKeys, k => Assert.StartsWith(report.BatchId, k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_bad_invoice_is_red_and_the_good_ones_post()
    {
        _h.Psa.Add(Make("1"), Make("2"), Make("3"));
        _h.Sink.RejectNumbers.Add("INV-2");
        var report = await _h.PostAsync();

        Assert.Equal(new SyncTotals(3, 2, 0, 1), report.Totals);
        var bad = report.Invoices.Single(i => i.PsaInvoiceId == "2");
        Assert.Contains("account code is not valid", bad.Messages[0], StringComparison.Ordinal);
        Assert.Null(_h.Psa.Get("2").SyncedMark);
        Assert.NotNull(_h.Psa.Get("3").SyncedMark);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
    }

    [Fact]
    public async Task An_invoice_beyond_the_rounding_tolerance_is_red_and_never_sent()
    {
        _h.Psa.Add(Make("1"), Make("2") with { Total = 500m });
        var report = await _h.PostAsync();
        var bad = report.Invoices.Single(i => i.PsaInvoiceId == "2");
        Assert.Equal(SyncStatus.Error, bad.Status);
        Assert.Contains("rounding tolerance", bad.Messages.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Sink.Drafts, d => d.PsaInvoiceId == "2");
    }

    [Fact]
    public async Task An_invoice_the_ledger_maps_is_updated_not_created()
    {
        _h.Psa.Add(Make("1"));
        var first = await _h.PostAsync();
        _h.Psa.Replace(_h.Psa.Get("1") with { SyncedMark = null, Lines = [new PsaInvoiceLine("Changed", 1, 100, 100, 10)], TaxTotal = 10m, Total = 110m });
        var second = await _h.PostAsync();

        Assert.Equal(1, _h.Sink.CreatedInvoices);
        Assert.Equal(1, _h.Sink.UpdatedInvoices);
        Assert.Equal(first.Invoices[0].AccountingInvoiceId, second.Invoices[0].AccountingInvoiceId);
        Assert.Equal(first.Invoices[0].AccountingInvoiceId, _h.Sink.Drafts[^1].ExistingAccountingId);
        Assert.Equal("Changed", _h.Sink.LastDraftOf(first.Invoices[0].AccountingInvoiceId!).Lines[0].Description);
    }

    [Fact]
    public async Task A_sink_exception_makes_only_that_chunk_red_and_the_run_goes_on()
    {
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 2 };
        _h.Sink.UpsertFailure = call => call == 1 ? new VendorValidationException("FakeBooks", ["server exploded"], 500) : null;
        _h.Psa.Add(Make("1"), Make("2"), Make("3"), Make("4"));
        var report = await _h.PostAsync();

        Assert.Equal(["Error", "Error", "Success", "Success"], report.Invoices.Select(i => i.Status.ToString()));
        Assert.Contains("server exploded", report.Invoices[0].Messages.Single(), StringComparison.Ordinal);
        Assert.Null(report.StoppedReason);
    }

    [Fact]
    public async Task A_queued_payment_is_reported_when_a_scheduler_is_registered()
    {
        _h.Psa.Add(Make("1"));
        var report = await _h.PostAsync();
        var result = report.Invoices.Single();
        Assert.Equal(PaymentQueueStatus.Queued, result.Payment);
        Assert.Equal("Queued for card ending 4242", result.PaymentMessage);
        var scheduled = Assert.Single(_h.Scheduler!.Scheduled);
        Assert.Equal(Date.PlusDays(30), scheduled.DueDate);
        Assert.Equal(result.AccountingInvoiceId, scheduled.AccountingInvoice!.Id);
    }

    [Fact]
    public async Task Without_a_scheduler_the_payment_is_disabled_with_a_reason()
    {
        using var h = new PipelineHarness(withScheduler: false);
        h.Psa.Add(Make("1"));
        var result = (await h.PostAsync()).Invoices.Single();
        Assert.Equal(SyncStatus.Success, result.Status);
        Assert.Equal(PaymentQueueStatus.Disabled, result.Payment);
        Assert.Equal("no payment scheduler configured", result.PaymentMessage);
    }

    [Fact]
    public async Task A_refused_psa_mark_is_red_and_the_next_run_completes_it_without_a_duplicate()
    {
        _h.Psa.Add(Make("1"));
        _h.Psa.RefuseMark.Add("1");
        var first = (await _h.PostAsync()).Invoices.Single();
        Assert.Equal(SyncStatus.Error, first.Status);
        Assert.Contains("synced mark was not written", first.Messages.Single(), StringComparison.Ordinal);
        Assert.Empty(_h.Scheduler!.Scheduled);

        _h.Psa.RefuseMark.Clear();
        await _h.PostAsync();
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.Equal(1, _h.Sink.CreatedInvoices);
        Assert.Single(_h.Sink.Invoices);
    }

    [Fact]
    public async Task Contacts_are_fetched_once_per_run_and_chosen_from_all_the_companys_recipients()
    {
        _h.Psa.Contacts.AddRange([Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test"), Contact("3", "cid@acme.test")]);
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 1 };
        _h.Psa.Add(Make("1", recipients: ["bob@acme.test"]), Make("2", recipients: ["cid@acme.test", "ann@acme.test", "BOB@acme.test"]));
        await _h.PostAsync();

        Assert.Equal(1, _h.Psa.ContactCalls);
        var contacts = Assert.Single(_h.Sink.CustomerContacts).Value;
        Assert.Equal("ann@acme.test", contacts.Primary!.Email);
        Assert.Equal(["bob@acme.test", "cid@acme.test"], contacts.Others!.Select(o => o.Email));
    }

    [Fact]
    public async Task A_contact_warning_the_sink_also_reports_appears_once_under_each_invoice()
    {
        _h.Psa.Contacts.AddRange([Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test"), Contact("3", "cid@acme.test"), Contact("4", "dee@acme.test")]);
        _h.Sink.Capabilities = _h.Sink.Capabilities with { MaxContactPersons = 2 };
        _h.Sink.EchoContactWarnings = true;
        _h.Psa.Add(Make("1", recipients: ["ann@acme.test", "bob@acme.test", "cid@acme.test", "dee@acme.test"]), Make("2", recipients: ["bob@acme.test"]));

        var report = await _h.PostAsync();

        Assert.Equal(2, report.Invoices.Count);
        Assert.All(report.Invoices, r => Assert.Single(r.Messages, m => m.StartsWith("At most 2 contact persons", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_invoice_the_psa_cannot_give_lines_for_is_red_with_its_reason_and_nothing_is_posted()
    {
        _h.Psa.Add(Make("1") with { NotPostableReason = "another accounting batch already exported it" }, Make("2"));

        var report = await _h.PostAsync();

        var red = Assert.Single(report.Invoices, i => i.PsaInvoiceId == "1");
        Assert.Equal(SyncStatus.Error, red.Status);
        Assert.Contains(red.Messages, m => m.EndsWith("another accounting batch already exported it.", StringComparison.Ordinal));
        Assert.Null(red.AccountingInvoiceId);
        Assert.Equal(1, _h.Sink.CreatedInvoices);
    }

    [Fact]
    public async Task The_idempotency_key_is_the_same_on_a_retry_of_the_same_content()
    {
        _h.Sink.UpsertFailure = call => call == 1 ? new TimeoutException("timed out") : null;
        _h.Psa.Add(Make("1"));
        await _h.PostAsync();
        await _h.PostAsync();
        Assert.Equal(2, _h.Sink.UpsertCalls);
        var key = _h.Sink.Attempts[0][0].IdempotencyKey;
        Assert.Equal(key, _h.Sink.Attempts[1][0].IdempotencyKey);
        Assert.Equal(1, _h.Sink.CreatedInvoices);
        Assert.StartsWith("ws-", key, StringComparison.Ordinal);

        using var other = new PipelineHarness();
        other.Psa.Add(Make("1"));
        await other.PostAsync();
        Assert.Equal(key, other.Sink.Drafts[0].IdempotencyKey);
    }

    [Fact]
    public async Task A_long_document_number_is_shortened_and_kept_in_the_ledger()
    {
        _h.Sink.Capabilities = _h.Sink.Capabilities with { MaxDocumentNumberLength = 12 };
        _h.Psa.Add(Make("1") with { Number = "AUTOTASK-2026-000001" });
        var result = (await _h.PostAsync()).Invoices.Single();
        var draft = _h.Sink.Drafts.Single();
        Assert.True(draft.Number.Length <= 12);
        Assert.Equal("AUTOTASK-2026-000001", draft.OriginalNumber);
        Assert.Equal(SyncStatus.Warning, result.Status);
        Assert.Equal(draft.Number, (await _h.Ledger.GetDocumentNumberAsync(PipelineHarness.ConnectionName, "AUTOTASK-2026-000001"))!.ShortNumber);
    }

    [Fact]
    public async Task Failed_authentication_stops_the_run_and_the_rest_is_red_with_the_message()
    {
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 1 };
        _h.Sink.UpsertFailure = call => call == 2 ? new AuthenticationException("FakeBooks: the refresh token was revoked") : null;
        _h.Psa.Add(Make("1"), Make("2"), Make("3"));
        var report = await _h.PostAsync();

        Assert.Equal([SyncStatus.Success, SyncStatus.Error, SyncStatus.Error], report.Invoices.Select(i => i.Status));
        Assert.All(report.Invoices.Skip(1), i => Assert.Contains("refresh token was revoked", i.Messages.Single(), StringComparison.Ordinal));
        Assert.Equal(2, _h.Sink.UpsertCalls);
        Assert.Contains("revoked", report.StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_reports_every_invoice()
    {
        _h.Psa.Add(Make("1"), Make("2"));
        var seen = new List<SyncProgress>();
        await _h.Pipeline().RunAsync(PipelineHarness.Post(), new SynchronousProgress(seen.Add));
        Assert.Equal([1, 2], seen.Select(p => p.Done));
        Assert.All(seen, p => Assert.Equal(2, p.Total));
    }

    [Fact]
    public async Task Pending_lists_unsynced_invoices_matching_the_filters()
    {
        _h.Psa.Add(Make("1") with { Division = "Cloud" }, Make("2") with { Division = "Field" }, Make("3") with { Division = "Cloud", SyncedMark = _h.Clock.GetCurrentInstant() });
        var request = PipelineHarness.Post() with { Division = "Cloud" };
        Assert.Equal(["1"], (await _h.Pipeline().GetPendingAsync(request)).Select(i => i.Id));
        Assert.Equal(["1", "3"], (await _h.Pipeline().GetPendingAsync(request with { IncludeAlreadySynced = true })).Select(i => i.Id));
    }

    private sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }
}
