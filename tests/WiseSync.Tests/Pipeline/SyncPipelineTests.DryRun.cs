using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests
{
    [Fact]
    public async Task A_dry_run_writes_nothing_and_reports_create_versus_update()
    {
        _h.Psa.Contacts.AddRange([Contact("1", "ann@acme.test", primary: true), Contact("2", "bob@acme.test")]);
        _h.Psa.Add(Make("1", recipients: ["ann@acme.test", "bob@acme.test"]));
        await _h.PostAsync();
        _h.Psa.Replace(_h.Psa.Get("1") with { SyncedMark = null });
        _h.Psa.Add(Make("2", Globex), Make("3") with { Total = 999m });

        var sinkWrites = _h.Sink.WriteCalls;
        var psaWrites = _h.Psa.WriteCalls;
        var customers = _h.Sink.Customers.Count;
        var batches = (await _h.Ledger.GetBatchesAsync(PipelineHarness.ConnectionName, 100)).Count;

        var report = await _h.PostAsync(dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal((sinkWrites, psaWrites, customers), (_h.Sink.WriteCalls, _h.Psa.WriteCalls, _h.Sink.Customers.Count));
        Assert.Equal(batches, (await _h.Ledger.GetBatchesAsync(PipelineHarness.ConnectionName, 100)).Count);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
        Assert.Null(await _h.Ledger.GetBatchAsync(report.BatchId));
        Assert.Empty(await _h.Ledger.GetCustomerMappingsAsync(PipelineHarness.ConnectionName, ["co-2"]));

        var update = report.Invoices.Single(i => i.PsaInvoiceId == "1").Plan!;
        Assert.False(update.WouldCreate);
        Assert.False(update.CustomerWouldBeCreated);
        Assert.Equal("Acme Ltd", update.CustomerName);
        Assert.Equal("ann@acme.test", update.Contacts.Primary!.Email);
        Assert.Equal(["Managed services", "Onsite labour"], update.Lines.Select(l => l.Description));

        var create = report.Invoices.Single(i => i.PsaInvoiceId == "2").Plan!;
        Assert.True(create.WouldCreate);
        Assert.True(create.CustomerWouldBeCreated);
        Assert.Equal("Globex Corporation", create.CustomerName);

        var red = report.Invoices.Single(i => i.PsaInvoiceId == "3");
        Assert.Equal(SyncStatus.Error, red.Status);
        Assert.Null(red.Plan);
    }

    [Fact]
    public async Task A_dry_run_uses_an_existing_customer_found_by_name()
    {
        var existing = _h.Sink.AddCustomer("Globex Corporation");
        _h.Psa.Add(Make("1", Globex with { AccountNumber = null }));
        var plan = (await _h.PostAsync(dryRun: true)).Invoices.Single().Plan!;
        Assert.False(plan.CustomerWouldBeCreated);
        Assert.Equal(existing.Name, plan.CustomerName);
        Assert.Equal(0, _h.Sink.EnsureCalls);
    }

    [Fact]
    public async Task A_dry_run_does_not_shorten_numbers_into_the_ledger()
    {
        _h.Sink.Capabilities = _h.Sink.Capabilities with { MaxDocumentNumberLength = 10 };
        _h.Psa.Add(Make("1") with { Number = "AUTOTASK-2026-0001" });
        var result = (await _h.PostAsync(dryRun: true)).Invoices.Single();
        Assert.Contains(result.Messages, m => m.Contains("AUTOTASK-2026-0001", StringComparison.Ordinal));
        Assert.Null(await _h.Ledger.GetDocumentNumberAsync(PipelineHarness.ConnectionName, "AUTOTASK-2026-0001"));
    }
}
