using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WiseSync.ConnectWise.Tests.Infrastructure;
using WiseSync.Http;
using static WiseSync.ConnectWise.Tests.PendingInvoicesTests;

namespace WiseSync.ConnectWise.Tests;

/// <summary>A 200 whose body is cut in half (the sandbox's malformed fault): reads are asked again, writes are not.</summary>
public sealed class UnreadableAnswerTests
{
    private const string Listing = "GET /finance/accounting/unpostedinvoices";
    private static readonly LocalDate FarThru = new(2027, 12, 31);

    [Fact]
    public async Task A_listing_answered_unreadably_once_is_asked_again_and_lists_every_invoice()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 20);
        var source = sandbox.Source(configureServices: FastRetries);
        await FaultAsync(sandbox, "GET", "accounting/unpostedinvoices", 1);

        var listed = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        Assert.Equal(20, listed.Count);
        Assert.Equal(2, await RouteCallsAsync(sandbox, Listing));
    }

    [Fact]
    public async Task A_listing_answered_unreadably_every_time_fails_after_the_attempt_budget_as_a_passing_fault()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 20);
        var source = sandbox.Source(configureServices: FastRetries);
        await FaultAsync(sandbox, "GET", "accounting/unpostedinvoices", 10);

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru))));

        Assert.Contains("ConnectWise returned a body WiseSync cannot read", error.Message, StringComparison.Ordinal);
        Assert.True(TransientFaults.IsTransient(error, CancellationToken.None));
        Assert.Equal(new VendorHttpOptions().MaxRetryAttempts + 1, await RouteCallsAsync(sandbox, Listing));
    }

    [Fact]
    public async Task A_batch_creation_answered_unreadably_is_not_sent_again()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 20);
        var source = sandbox.Source(configureServices: FastRetries);
        await FaultAsync(sandbox, "POST", "/finance/accounting/batches", 1);

        var results = await source.MarkSyncedAsync("wisesync-run1-chunk1", [new PsaSyncMark("70001", Instant.FromUtc(2026, 11, 21, 9, 0), null)]);

        var result = Assert.Single(results);
        Assert.False(result.Succeeded);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, await RouteCallsAsync(sandbox, "POST /finance/accounting/batches"));
        Assert.Single(await sandbox.StateAsync("batches"));
    }

    // Retries back off 1 ms instead of 1 s: a cut 200 carries no Retry-After, so the backoff is the plumbing's own.
    private static void FastRetries(IServiceCollection services) =>
        services.Configure<VendorHttpOptions>(VendorHttpClientNames.For("connectwise", "default"), o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        });

    private static async Task<int> RouteCallsAsync(CwSandbox sandbox, string route) =>
        (await sandbox.StatsAsync()).ByRoute[route] is { } n ? (int)n : 0;

    private static async Task FaultAsync(CwSandbox sandbox, string method, string path, int count)
    {
        using var response = await sandbox.Admin.PostAsync("_sandbox/faults", JsonContent.Create(new
        {
            rules = new[] { new { vendor = "connectwise", method, pathContains = path, malformed = true, count } },
        }));
        response.EnsureSuccessStatusCode();
    }
}
