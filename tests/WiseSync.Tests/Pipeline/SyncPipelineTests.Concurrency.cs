using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests
{
    [Fact]
    public async Task A_second_run_of_the_same_connection_fails_fast_naming_the_connection()
    {
        _h.Psa.Add(Make("1"));
        _h.Psa.ListingGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _h.PostAsync();
        await _h.Psa.ListingStarted.Task;

        var ex = await Assert.ThrowsAsync<SyncAlreadyRunningException>(() => _h.PostAsync());
        Assert.Equal(PipelineHarness.ConnectionName, ex.Connection);
        Assert.Contains(PipelineHarness.ConnectionName, ex.Message, StringComparison.Ordinal);

        _h.Psa.ListingGate.SetResult();
        Assert.Equal(SyncStatus.Success, (await first).Invoices.Single().Status);
        Assert.Equal(1, _h.Sink.CreatedInvoices);
    }

    [Fact]
    public async Task A_second_run_through_another_ledger_instance_on_the_same_file_fails_fast()
    {
        _h.Psa.Add(Make("1"));
        _h.Psa.ListingGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _h.PostAsync();
        await _h.Psa.ListingStarted.Task;

        var otherProcessLedger = _h.File.Open(_h.Clock);
        var ex = await Assert.ThrowsAsync<SyncAlreadyRunningException>(() => _h.Pipeline(otherProcessLedger).RunAsync(PipelineHarness.Post()));
        Assert.Equal(PipelineHarness.ConnectionName, ex.Connection);

        _h.Psa.ListingGate.SetResult();
        await first;
    }

    [Fact]
    public async Task The_lease_is_released_after_a_run_so_the_next_run_starts()
    {
        _h.Psa.Add(Make("1"));
        await _h.PostAsync();
        _h.Psa.Add(Make("2"));
        var next = await _h.PostAsync();
        Assert.Equal("2", next.Invoices.Single().PsaInvoiceId);
    }
}
