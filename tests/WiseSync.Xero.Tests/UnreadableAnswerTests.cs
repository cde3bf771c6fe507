using Microsoft.Extensions.DependencyInjection;
using WiseSync.Http;
using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

/// <summary>A 200 whose body is cut in half (the sandbox's malformed fault): reads (GETs) are asked again, writes are not.</summary>
public sealed class UnreadableAnswerTests
{
    [Fact]
    public async Task A_read_answered_unreadably_once_is_asked_again_and_succeeds()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.AddFaultAsync(new { vendor = "xero", method = "GET", pathContains = "/Organisation", malformed = true, count = 1 });

        var result = await Sink(sandbox).TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, await sandbox.RouteCountAsync("GET /Organisation"));
    }

    [Fact]
    public async Task A_read_answered_unreadably_every_time_fails_after_the_attempt_budget_as_a_passing_fault()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.AddFaultAsync(new { vendor = "xero", method = "GET", pathContains = "/Organisation", malformed = true, count = 10 });

        var result = await Sink(sandbox).TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient, result.Message);
        Assert.Equal("Xero answered GET /Organisation with a body that is not the expected JSON.", result.Message);
        Assert.Equal(new VendorHttpOptions().MaxRetryAttempts + 1, await sandbox.RouteCountAsync("GET /Organisation"));
    }

    [Fact]
    public async Task A_write_answered_unreadably_is_not_sent_again()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = Sink(sandbox);
        var customer = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0].Customer!.Id;
        await sandbox.AddFaultAsync(new { vendor = "xero", method = "PUT", pathContains = "/Invoices", malformed = true, count = 1 });

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => sink.UpsertInvoicesAsync([Invoice("INV-001", customer)]));

        // The invoice landed before the answer was cut: the pipeline's recovery finds it, a blind resend is not the plumbing's call.
        Assert.Equal("Xero answered PUT /Invoices with a body that is not the expected JSON.", error.Message);
        Assert.Equal(1, await sandbox.RouteCountAsync("PUT /Invoices"));
        Assert.Single(await sandbox.StateAsync("invoices"));
    }

    // Retries back off 1 ms instead of 1 s: a cut 200 carries no Retry-After, so the backoff is the plumbing's own.
    private static IAccountingSink Sink(XeroSandbox sandbox) =>
        sandbox.NewProcess(configureServices: services => services.Configure<VendorHttpOptions>(VendorHttpClientNames.For("xero", XeroSandbox.Connection), o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        })).GetRequiredKeyedService<IAccountingSink>(XeroSandbox.Connection);
}
