using WiseSync.Tests.Fakes;
using static WiseSync.Tests.Fakes.Invoices;

namespace WiseSync.Tests.Pipeline;

public sealed partial class SyncPipelineTests
{
    [Fact]
    public async Task A_manual_customer_mapping_is_used_on_the_next_run()
    {
        var holding = _h.Sink.AddCustomer("Acme Holdings (parent)");
        await _h.Pipeline().MapCustomerAsync("co-1", holding.Id, holding.Name);
        _h.Psa.Add(Make("1"));
        await _h.PostAsync();

        Assert.Equal(holding.Id, _h.Sink.Drafts.Single().CustomerId);
        Assert.Equal(0, _h.Sink.CreatedCustomers);
        Assert.Equal(holding.Id, _h.Sink.EnsureRequests.Single().Single().KnownCustomerId);
        Assert.True((await _h.Ledger.GetCustomerMappingsAsync(PipelineHarness.ConnectionName, ["co-1"]))["co-1"].IsManual);
    }

    [Fact]
    public async Task Unmapping_a_customer_lets_the_next_run_match_again()
    {
        var holding = _h.Sink.AddCustomer("Acme Holdings (parent)");
        var pipeline = _h.Pipeline();
        await pipeline.MapCustomerAsync("co-1", holding.Id);
        Assert.True(await pipeline.UnmapCustomerAsync("co-1"));
        Assert.False(await pipeline.UnmapCustomerAsync("co-1"));
        _h.Psa.Add(Make("1"));
        await _h.PostAsync();
        Assert.NotEqual(holding.Id, _h.Sink.Drafts.Single().CustomerId);
        Assert.Equal(1, _h.Sink.CreatedCustomers);
    }

    [Fact]
    public async Task The_customer_found_in_the_first_run_is_remembered_for_the_next()
    {
        _h.Psa.Add(Make("1"));
        await _h.PostAsync();
        var created = _h.Sink.Customers.Values.Single();
        _h.Psa.Add(Make("2"));
        await _h.PostAsync();
        Assert.Equal(created.Id, _h.Sink.EnsureRequests[^1].Single().KnownCustomerId);
        Assert.Equal(1, _h.Sink.CreatedCustomers);
    }

    [Fact]
    public async Task A_resolver_can_skip_a_company_with_a_warning()
    {
        _h.Resolver = new Resolver(_ => CustomerMatchDecision.Skip("waiting for the account manager to pick a customer"));
        _h.Psa.Add(Make("1"), Make("2", Globex));
        _h.Sink.AddCustomer("Globex Corporation", "GLOBEX");
        var report = await _h.PostAsync();

        var skipped = report.Invoices.Single(i => i.PsaInvoiceId == "1");
        Assert.Equal(SyncStatus.Warning, skipped.Status);
        Assert.Contains("account manager", skipped.Messages.Single(), StringComparison.Ordinal);
        Assert.Null(_h.Psa.Get("1").SyncedMark);
        Assert.Equal(SyncStatus.Success, report.Invoices.Single(i => i.PsaInvoiceId == "2").Status);
        Assert.Equal(0, _h.Sink.CreatedCustomers);
    }

    [Fact]
    public async Task A_resolver_can_map_a_company_to_an_existing_customer()
    {
        var target = _h.Sink.AddCustomer("ACME LIMITED (old name)");
        var asked = new List<CustomerMatchContext>();
        _h.Resolver = new Resolver(context =>
        {
            asked.Add(context);
            return CustomerMatchDecision.MapTo(target.Id);
        });
        _h.Psa.Add(Make("1"), Make("2"));
        await _h.PostAsync();

        var context = Assert.Single(asked);
        Assert.Equal(["1", "2"], context.Invoices.Select(i => i.Id));
        Assert.All(_h.Sink.Drafts, d => Assert.Equal(target.Id, d.CustomerId));
        Assert.Equal(target.Id, (await _h.Ledger.GetCustomerMappingsAsync(PipelineHarness.ConnectionName, ["co-1"]))["co-1"].AccountingCustomerId);
    }

    [Fact]
    public async Task A_customer_failure_makes_that_companys_invoices_red()
    {
        _h.Sink.EnsureFailure = new VendorValidationException("FakeBooks", ["The contact name Acme Ltd is already assigned to another contact"], 400);
        _h.Psa.Add(Make("1"));
        var result = (await _h.PostAsync()).Invoices.Single();
        Assert.Equal(SyncStatus.Error, result.Status);
        Assert.Contains("already assigned", result.Messages.Single(), StringComparison.Ordinal);
        Assert.Equal(0, _h.Sink.UpsertCalls);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
    }

    [Fact]
    public async Task A_failed_customer_call_reds_only_its_chunk_and_the_next_chunk_asks_again()
    {
        // A cut answer (as a vendor's half-sent body reads) fails one call; it says nothing about the companies themselves.
        _h.Sink.Capabilities = _h.Sink.Capabilities with { BatchSize = 2 };
        _h.Sink.EnsureCallFailure = call => call == 1 ? new WiseSyncException("FakeBooks returned an unreadable answer (HTTP 200).") : null;
        _h.Psa.Add(Make("1"), Make("2", Globex), Make("3"), Make("4", Globex), Make("5"));
        var report = await _h.PostAsync();

        Assert.Equal(["1", "2"], report.Invoices.Where(i => i.Status == SyncStatus.Error).Select(i => i.PsaInvoiceId).Order());
        Assert.All(report.Invoices.Where(i => i.Status == SyncStatus.Error), i => Assert.Contains("unreadable answer", i.Messages.Single(), StringComparison.Ordinal));
        Assert.Equal(3, report.Totals.Success);
        Assert.Null(report.StoppedReason);
        Assert.Equal(2, _h.Sink.EnsureCalls);
        Assert.Equal(2, _h.Sink.CreatedCustomers);
        Assert.Empty(await _h.Ledger.GetIntentsAsync(PipelineHarness.ConnectionName));
    }

    private sealed class Resolver(Func<CustomerMatchContext, CustomerMatchDecision> decide) : ICustomerMatchResolver
    {
        public ValueTask<CustomerMatchDecision> ResolveAsync(CustomerMatchContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(decide(context));
    }
}
