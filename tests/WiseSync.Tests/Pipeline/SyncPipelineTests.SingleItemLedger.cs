using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests
{
    [Fact]
    public async Task A_ledger_with_only_single_item_members_gives_the_same_runs_as_the_sqlite_ledger()
    {
        var batched = await RunMixedScenarioAsync(_h, _h.Ledger);

        using var other = new PipelineHarness();
        var singleItem = new SingleItemLedger(other.Ledger);
        var itemByItem = await RunMixedScenarioAsync(other, singleItem);

        Assert.Equal(batched, itemByItem);
        // The defaults reached the third-party ledger's own members, in the pipeline's order.
        Assert.Contains("intent:3:Written", singleItem.Writes);
        Assert.True(singleItem.Writes.IndexOf("intent:1:Pending") < singleItem.Writes.IndexOf("mapping:1"));
        Assert.True(singleItem.Writes.IndexOf("intent:1:Written") < singleItem.Writes.IndexOf("delete-intent:1"));
        Assert.Contains("delete-intent:2", singleItem.Writes);
        Assert.Contains("entry:5", singleItem.Writes);
    }

    /// <summary>
    /// Two runs over a success, a sink rejection, a refused PSA mark, a voided invoice and chunks of two; returns what each run
    /// left in the report, the ledger, the sink and the PSA as comparable lines.
    /// </summary>
    private static async Task<List<string>> RunMixedScenarioAsync(PipelineHarness h, ISyncLedger ledger)
    {
        h.Sink.Capabilities = h.Sink.Capabilities with { BatchSize = 2 };
        h.Psa.Add(Make("1"), Make("2"), Make("3", Globex), Make("4", Globex), Make("5") with { IsVoided = true });
        h.Sink.RejectNumbers.Add("INV-2");
        h.Psa.RefuseMark.Add("3");
        var lines = await DescribeAsync(h, await h.Pipeline(ledger).RunAsync(PipelineHarness.Post()));

        h.Sink.RejectNumbers.Clear();
        h.Psa.RefuseMark.Clear();
        lines.AddRange(await DescribeAsync(h, await h.Pipeline(ledger).RunAsync(PipelineHarness.Post())));
        return lines;
    }

    private static async Task<List<string>> DescribeAsync(PipelineHarness h, SyncReport report)
    {
        string[] ids = ["1", "2", "3", "4", "5"];
        var lines = new List<string> { $"totals {report.Totals}", $"sink created {h.Sink.CreatedInvoices}" };
        lines.AddRange(report.Invoices.Select(i => $"result {i.PsaInvoiceId} {i.Status} {i.AccountingInvoiceId} {i.Payment} {string.Join(" | ", i.Messages)}"));
        lines.AddRange((await h.Ledger.GetEntriesAsync(report.BatchId)).Select(e => $"entry {e.PsaInvoiceId} {e.Status} {e.PsaMarked} {e.AccountingInvoiceId} {e.Payment} {string.Join(" | ", e.Messages)}"));
        lines.AddRange((await h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName)).Select(i => $"intent {i.PsaInvoiceId} {i.State} {i.AccountingInvoiceId}"));
        lines.AddRange((await h.Ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ids)).OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => $"mapping {m.Key} {m.Value.AccountingInvoiceId} {m.Value.AccountingCustomerId}"));
        lines.AddRange(ids.Select(id => $"psa {id} {h.Psa.Get(id).SyncedMark is not null}"));
        return lines;
    }
}
