using NodaTime;
using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests
{
    [Fact]
    public async Task A_long_window_limit_stops_new_work_and_reports_the_rest_as_not_attempted()
    {
        var retryAt = Instant.FromUtc(2026, 11, 21, 0, 0);
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 2 };
        _h.Sink.UpsertFailure = call => call == 2 ? new RateLimitedException("Xero", RateLimitKind.LongWindow, "daily limit", null, retryAt) : null;
        _h.Psa.Add(Make("1"), Make("2"), Make("3"), Make("4"), Make("5"), Make("6"));
        var report = await _h.PostAsync();

        Assert.Equal(2, _h.Sink.UpsertCalls);
        Assert.Equal([SyncStatus.Success, SyncStatus.Success], report.Invoices.Take(2).Select(i => i.Status));
        Assert.All(report.Invoices.Skip(2), i =>
        {
            Assert.Equal(SyncStatus.Warning, i.Status);
            Assert.Equal("not attempted: Xero daily limit reached, retry after 2026-11-21T00:00:00Z", i.Messages.Single());
        });
        Assert.Contains("daily limit", report.StoppedReason, StringComparison.Ordinal);
        Assert.Null(_h.Psa.Get("5").SyncedMark);
        var batch = await _h.Ledger.GetBatchAsync(report.BatchId);
        Assert.Equal(report.StoppedReason, batch!.StoppedReason);
    }

    [Fact]
    public async Task A_short_window_limit_is_only_that_chunks_red_light()
    {
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 1 };
        _h.Sink.UpsertFailure = call => call == 1 ? new RateLimitedException("Xero", RateLimitKind.ShortWindow, "minute limit", Duration.FromSeconds(30)) : null;
        _h.Psa.Add(Make("1"), Make("2"));
        var report = await _h.PostAsync();
        Assert.Equal([SyncStatus.Error, SyncStatus.Success], report.Invoices.Select(i => i.Status));
        Assert.Null(report.StoppedReason);
    }

    [Fact]
    public async Task A_long_window_limit_on_the_psa_mark_leaves_posted_invoices_for_the_next_run()
    {
        _h.Psa.Add(Make("1"));
        _h.Psa.FailNextMark = new RateLimitedException("Autotask", RateLimitKind.LongWindow, "hourly budget", Duration.FromMinutes(20));
        var report = await _h.PostAsync();
        Assert.Equal(SyncStatus.Warning, report.Invoices.Single().Status);
        Assert.NotNull(report.StoppedReason);

        await _h.PostAsync();
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.Equal(1, _h.Sink.CreatedInvoices);
    }
}
