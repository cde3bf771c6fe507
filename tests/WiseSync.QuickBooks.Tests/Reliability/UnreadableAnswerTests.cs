using Microsoft.Extensions.DependencyInjection;
using WiseSync.Http;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Reliability;

/// <summary>A 200 whose body is cut in half (the sandbox's malformed fault): queries and company info are asked again, a batch is not.</summary>
public sealed class UnreadableAnswerTests
{
    private static readonly string ClientName = VendorHttpClientNames.For(QuickBooksWiseSyncBuilderExtensions.Vendor, QuickBooksHarness.Connection);

    [Fact]
    public async Task A_read_answered_unreadably_once_is_asked_again_and_succeeds()
    {
        await using var qbo = await StartAsync();
        await qbo.AddFaultAsync(new { vendor = "quickbooks", method = "GET", pathContains = "/companyinfo", malformed = true, count = 1 });

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, await qbo.ApiCallsAsync());
    }

    [Fact]
    public async Task A_query_answered_unreadably_once_is_asked_again_and_the_customer_resolves()
    {
        await using var qbo = await StartAsync();
        await qbo.AddFaultAsync(new { vendor = "quickbooks", method = "GET", pathContains = "/query", malformed = true, count = 1 });

        var result = Assert.Single(await qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets")]));

        Assert.NotNull(result.Customer);
        var recorded = await qbo.RecordedRequestsAsync();
        Assert.Single(recorded, r => (string?)r!["fault"] == "malformed");
        Assert.Single(await qbo.StateAsync("customers", "Customer"), c => (string?)c!["DisplayName"] == "Acme Widgets");
    }

    [Fact]
    public async Task A_read_answered_unreadably_every_time_fails_after_the_attempt_budget_as_a_passing_fault()
    {
        await using var qbo = await StartAsync();
        await qbo.AddFaultAsync(new { vendor = "quickbooks", method = "GET", pathContains = "/companyinfo", malformed = true, count = 10 });

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient, result.Message);
        Assert.Contains("QuickBooks returned an unreadable answer (HTTP 200).", result.Message, StringComparison.Ordinal);
        Assert.Equal(new VendorHttpOptions().MaxRetryAttempts + 1, await qbo.ApiCallsAsync());
    }

    [Fact]
    public async Task A_batch_answered_unreadably_is_not_sent_again()
    {
        await using var qbo = await StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var batchesBefore = await qbo.RouteCallsAsync("POST /batch");
        await qbo.AddFaultAsync(new { vendor = "quickbooks", method = "POST", pathContains = "/batch", malformed = true, count = 1 });

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer)]));

        // The invoice landed before the answer was cut: the pipeline's recovery finds it, a blind resend is not the plumbing's call.
        Assert.Contains("QuickBooks returned an unreadable answer (HTTP 200).", error.Message, StringComparison.Ordinal);
        Assert.Equal(batchesBefore + 1, await qbo.RouteCallsAsync("POST /batch"));
        Assert.Single(await qbo.StateAsync("invoices", "Invoice"));
    }

    // Retries back off 1 ms instead of 1 s: a cut 200 carries no Retry-After, so the backoff is the plumbing's own.
    private static Task<QuickBooksHarness> StartAsync() =>
        QuickBooksHarness.StartAsync(services: s => s.Configure<VendorHttpOptions>(ClientName, o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        }));
}
