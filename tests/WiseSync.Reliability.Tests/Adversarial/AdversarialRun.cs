using NodaTime;
using WiseSync.Tests.Fakes;

namespace WiseSync.Reliability.Tests.Adversarial;

/// <summary>
/// Runs one adversarial case through a real <see cref="SyncPipeline"/> (fakes for the vendors, a real SQLite ledger) and
/// checks what must hold whatever the data: no exception, one result per invoice, nothing written for a red invoice,
/// every green or yellow invoice in accounting exactly once and marked in the PSA, no intent left in flight, and a second
/// run that creates nothing new.
/// </summary>
public static class AdversarialRun
{
    public static readonly LocalDate ThruDate = new(9999, 12, 31);

    public static async Task<SyncReport> RunAndCheckAsync(AdversarialCase @case, Action<PipelineHarness, SyncReport>? inspect = null)
    {
        using var harness = new PipelineHarness();
        harness.Sink.Capabilities = @case.Capabilities;
        harness.Options.DefaultNetDays = @case.DefaultNetDays;
        harness.Psa.Add([.. @case.Invoices]);
        harness.Psa.Contacts.AddRange(@case.Contacts);
        var request = new SyncRequest(SyncAction.PostToAccounting, ThruDate);

        IPsaSource psaSource = @case.RepeatFirst ? new RepeatingPsaSource(harness.Psa) : harness.Psa;
        SyncPipeline Pipeline() => new(PipelineHarness.ConnectionName, psaSource, harness.Sink, harness.Ledger, harness.Clock, harness.Options, harness.Scheduler);

        var ids = @case.Invoices.Select(i => i.Id).Distinct(StringComparer.Ordinal).ToList();

        // A dry run first: one result per invoice, and nothing written anywhere.
        var plan = await Pipeline().RunAsync(request with { DryRun = true });
        Assert.Equal(ids.Count, plan.Invoices.Count);
        Assert.Equal(0, harness.Sink.WriteCalls);
        Assert.Equal(0, harness.Psa.WriteCalls);
        Assert.Empty(await harness.Ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ids));
        Assert.Empty(await harness.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));

        // A run never throws for a per-invoice problem.
        var report = await Pipeline().RunAsync(request);

        // Every distinct PSA invoice gets exactly one result.
        Assert.Equal(ids.Count, report.Invoices.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), report.Invoices.Select(r => r.PsaInvoiceId).Order(StringComparer.Ordinal));
        Assert.Equal(report.Invoices.Count, report.Totals.Invoices);
        Assert.Null(report.StoppedReason);

        var created = harness.Sink.Invoices
            .Select(r => harness.Sink.LastDraftOf(r.Id).PsaInvoiceId)
            .GroupBy(id => id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var mappings = await harness.Ledger.GetInvoiceMappingsAsync(PipelineHarness.ConnectionName, ids);
        var psa = await ListAllAsync(harness.Psa);

        foreach (var result in report.Invoices)
        {
            var because = $"invoice {AdversarialCase.Show(result.PsaInvoiceId)} ({result.Status}: {string.Join(" | ", result.Messages)})";
            if (result.Status == SyncStatus.Error)
            {
                // Nothing is written for a red invoice: no accounting document, no PSA mark, no ledger mapping.
                Assert.False(created.ContainsKey(result.PsaInvoiceId), $"{because} is red but was written to the sink");
                Assert.True(psa[result.PsaInvoiceId].SyncedMark is null, $"{because} is red but marked synced in the PSA");
                Assert.False(mappings.ContainsKey(result.PsaInvoiceId), $"{because} is red but mapped in the ledger");
                Assert.NotEmpty(result.Messages);
            }
            else if (created.ContainsKey(result.PsaInvoiceId) || result.AccountingInvoiceId is not null)
            {
                // Posted: exactly once in accounting, mapped in the ledger, marked in the PSA.
                Assert.True(created.GetValueOrDefault(result.PsaInvoiceId) == 1, $"{because} is in the sink {created.GetValueOrDefault(result.PsaInvoiceId)} times");
                Assert.True(mappings.ContainsKey(result.PsaInvoiceId), $"{because} is posted but not mapped in the ledger");
                Assert.True(psa[result.PsaInvoiceId].SyncedMark is not null, $"{because} is posted but not marked synced");
            }
            else
            {
                // Yellow without a post (voided, skipped): still nothing written.
                Assert.True(result.Status == SyncStatus.Warning, $"{because} is green but was not posted");
                Assert.True(psa[result.PsaInvoiceId].SyncedMark is null, $"{because} was not posted but is marked synced");
            }
        }

        Assert.Empty(await harness.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
        inspect?.Invoke(harness, report);

        // A second run never posts an invoice again: the written ones are marked, so only the red ones come back.
        var second = await Pipeline().RunAsync(request);
        Assert.All(second.Invoices, r => Assert.False(created.ContainsKey(r.PsaInvoiceId), $"{AdversarialCase.Show(r.PsaInvoiceId)} came back on the second run"));
        var createdAfter = harness.Sink.Invoices.Select(r => harness.Sink.LastDraftOf(r.Id).PsaInvoiceId).ToList();
        Assert.Equal(createdAfter.Count, createdAfter.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(await harness.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
        return report;
    }

    private static async Task<Dictionary<string, PsaInvoice>> ListAllAsync(FakePsaSource psa)
    {
        var all = new Dictionary<string, PsaInvoice>(StringComparer.Ordinal);
        await foreach (var invoice in psa.GetInvoicesAsync(new PsaInvoiceQuery(ThruDate) { IncludeAlreadySynced = true }))
        {
            // A PSA page that repeats an invoice: the first copy is the one the PSA marks.
            all.TryAdd(invoice.Id, invoice);
        }

        return all;
    }
}
