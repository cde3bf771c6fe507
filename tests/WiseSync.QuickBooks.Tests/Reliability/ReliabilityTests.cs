using Microsoft.Extensions.DependencyInjection;
using WiseSync.Http;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Reliability;

public sealed class ReliabilityTests
{
    private static readonly string ClientName = VendorHttpClientNames.For(QuickBooksWiseSyncBuilderExtensions.Vendor, QuickBooksHarness.Connection);

    [Fact]
    public async Task Stale_sync_token_is_read_again_and_the_update_retried_once()
    {
        QuickBooksHarness? harness = null;
        string? invoiceId = null;
        var editor = new ConcurrentEditHandler(() => invoiceId is null ? Task.FromResult(false) : ConcurrentEditHandler.EditInvoiceAsync(harness!, invoiceId), times: 1);
        await using var qbo = harness = await QuickBooksHarness.StartAsync(services: s => s.AddHttpClient(ClientName).AddHttpMessageHandler(() => editor));
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var created = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 100m)]));
        invoiceId = created.Invoice!.Id;

        var updated = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 150m, key: "k2") with { ExistingAccountingId = invoiceId }]));

        Assert.True(updated.Succeeded, updated.Error);
        var stored = Assert.Single(await qbo.StateAsync("invoices", "Invoice"))!;
        Assert.Equal(150m, stored["TotalAmt"]!.GetValue<decimal>());
        // created (0) → edited by a person while the sink's batch was on its way (1) → the sink's retry (2).
        Assert.Equal("2", stored["SyncToken"]!.ToString());
        Assert.Equal(1, editor.Edits);
    }

    [Fact]
    public async Task Sync_token_conflict_twice_is_that_invoices_error_only()
    {
        QuickBooksHarness? harness = null;
        string? invoiceId = null;
        var editor = new ConcurrentEditHandler(() => invoiceId is null ? Task.FromResult(false) : ConcurrentEditHandler.EditInvoiceAsync(harness!, invoiceId), times: 10);
        await using var qbo = harness = await QuickBooksHarness.StartAsync(services: s => s.AddHttpClient(ClientName).AddHttpMessageHandler(() => editor));
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var created = await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer), Drafts.Invoice("2", "INV-2", customer)]);
        invoiceId = created[0].Invoice!.Id;

        var results = await qbo.Sink.UpsertInvoicesAsync([
            Drafts.Invoice("1", "INV-1", customer, 150m, key: "k2") with { ExistingAccountingId = created[0].Invoice!.Id },
            Drafts.Invoice("2", "INV-2", customer, 175m, key: "k3") with { ExistingAccountingId = created[1].Invoice!.Id },
        ]);

        Assert.Contains("Stale Object", results[0].Error, StringComparison.Ordinal);
        Assert.True(results[1].Succeeded, results[1].Error);
    }

    [Fact]
    public async Task Replay_after_a_dropped_connection_creates_nothing_twice()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customers = await Drafts.CustomersAsync(qbo.Sink, 3);
        // The sandbox writes the batch, then drops the connection before the answer leaves.
        await qbo.AddFaultAsync(new { vendor = "quickbooks", method = "POST", pathContains = "/batch", reset = true, count = 1 });

        var results = await qbo.Sink.UpsertInvoicesAsync(Enumerable.Range(1, 12).Select(i => Drafts.Invoice($"{i}", $"INV-{i}", customers[i % 3])).ToList());

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var stored = await qbo.StateAsync("invoices", "Invoice");
        Assert.Equal(12, stored.Count);
        Assert.Equal(results.Select(r => r.Invoice!.Id).Order(), stored.Select(i => i!["Id"]!.ToString()).Order());
        Assert.True(await qbo.RouteCallsAsync("POST /batch") >= 2 + 1);
    }

    [Fact]
    public async Task Same_drafts_posted_again_get_the_original_answer_from_the_request_id()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var drafts = Enumerable.Range(1, 5).Select(i => Drafts.Invoice($"{i}", $"INV-{i}", customer)).ToList();

        var first = await qbo.Sink.UpsertInvoicesAsync(drafts);
        var again = await qbo.Sink.UpsertInvoicesAsync(drafts);

        Assert.Equal(first.Select(r => r.Invoice!.Id), again.Select(r => r.Invoice!.Id));
        Assert.All(again, r => Assert.True(r.Created && r.Succeeded));
        Assert.Equal(5, (await qbo.StateAsync("invoices", "Invoice")).Count);
    }

    [Fact]
    public async Task Throttled_batch_with_code_3001_is_retried_by_the_plumbing()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        await qbo.AddFaultAsync(new { vendor = "quickbooks", method = "POST", pathContains = "/batch", status = 429, retryAfterSeconds = 0, count = 1 });

        var result = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer)]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(await qbo.StateAsync("invoices", "Invoice"));
    }

    [Fact]
    public async Task Rejected_credentials_are_an_authentication_error_naming_the_realm_without_secrets()
    {
        await using var qbo = await QuickBooksHarness.StartAsync(o => o.ClientSecret = "wrong-secret-value");

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme")]));

        Assert.DoesNotContain("wrong-secret-value", ex.Message, StringComparison.Ordinal);
        var result = await qbo.Sink.TestConnectionAsync();
        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient, "refused credentials are a settings problem, not a passing one");
    }

    [Fact]
    public async Task Connection_test_of_an_unavailable_QuickBooks_fails_as_transient_after_the_retries()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        // No count: the fault outlasts every retry; Retry-After: 0 lets the retries run at once.
        await qbo.AddFaultAsync(new { vendor = "quickbooks", pathContains = "/companyinfo", status = 503, retryAfterSeconds = 0 });

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient, result.Message);
        Assert.Contains("503", result.Message, StringComparison.Ordinal);
        Assert.Equal(5, await qbo.ApiCallsAsync());
    }
}
