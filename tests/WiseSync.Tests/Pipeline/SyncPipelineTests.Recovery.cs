using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests
{
    [Fact]
    public async Task A_sink_that_fails_after_creating_is_reconciled_by_the_next_run_without_a_duplicate()
    {
        _h.Psa.Add(Make("1"), Make("2"));
        _h.Sink.FailAfterWriteOnce = true;
        var crashed = await _h.PostAsync();
        Assert.All(crashed.Invoices, i => Assert.Equal(SyncStatus.Error, i.Status));
        Assert.Equal(2, _h.Sink.CreatedInvoices);
        Assert.Equal(2, (await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName)).Count);

        var next = await _h.PostAsync();

        Assert.Equal(2, _h.Sink.CreatedInvoices);
        Assert.Equal(2, _h.Sink.Invoices.Count);
        Assert.Equal(1, _h.Sink.FindInvoiceCalls);
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
        Assert.NotNull(_h.Psa.Get("2").SyncedMark);
        Assert.Empty(next.Invoices);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
        var mappings = await _h.Ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ["1", "2"]);
        Assert.Equal(_h.Sink.Invoices.Select(i => i.Id).Order(), mappings.Values.Select(m => m.AccountingInvoiceId).Order());
        var recovered = await _h.Ledger.GetEntriesAsync(crashed.BatchId);
        Assert.All(recovered, e => Assert.True(e.PsaMarked));
    }

    [Fact]
    public async Task A_write_that_never_landed_is_released_and_posted_once_by_the_next_run()
    {
        _h.Psa.Add(Make("1"));
        _h.Sink.UpsertFailure = call => call == 1 ? new HttpRequestException("connection refused") : null;
        await _h.PostAsync();
        Assert.Single(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));

        var next = await _h.PostAsync();
        Assert.Equal(SyncStatus.Success, next.Invoices.Single().Status);
        Assert.Equal(1, _h.Sink.CreatedInvoices);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
    }

    [Fact]
    public async Task A_crashed_update_of_a_mapped_invoice_is_redone_as_an_update()
    {
        _h.Psa.Add(Make("1"));
        await _h.PostAsync();
        _h.Psa.Replace(_h.Psa.Get("1") with { SyncedMark = null });
        _h.Sink.FailAfterWriteOnce = true;
        await _h.PostAsync();
        await _h.PostAsync();
        Assert.Equal(1, _h.Sink.CreatedInvoices);
        Assert.Equal(2, _h.Sink.UpdatedInvoices);
        Assert.NotNull(_h.Psa.Get("1").SyncedMark);
    }
}
