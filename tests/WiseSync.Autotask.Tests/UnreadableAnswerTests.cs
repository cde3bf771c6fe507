using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WiseSync.Http;

namespace WiseSync.Autotask.Tests;

/// <summary>A 200 whose body is cut in half (the sandbox's malformed fault): reads are asked again, writes are not.</summary>
public sealed class UnreadableAnswerTests
{
    private static readonly LocalDate Thru = new(2026, 11, 20);

    [Fact]
    public async Task A_query_answered_unreadably_once_is_asked_again_and_lists_every_invoice()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(services: FastRetries);
        await FaultAsync(sandbox, "POST", "Invoices/query", 1);

        var invoices = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru));

        Assert.Equal(100, invoices.Count);
        Assert.Equal(2, (await sandbox.StatsAsync()).Route("POST /Invoices/query"));
    }

    [Fact]
    public async Task A_query_answered_unreadably_every_time_fails_after_the_attempt_budget_as_a_passing_fault()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(services: FastRetries);
        await FaultAsync(sandbox, "POST", "Invoices/query", 10);

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru)));

        Assert.Contains("Autotask returned an unreadable answer to POST Invoices", error.Message, StringComparison.Ordinal);
        Assert.True(TransientFaults.IsTransient(error, CancellationToken.None));
        Assert.Equal(new VendorHttpOptions().MaxRetryAttempts + 1, (await sandbox.StatsAsync()).Route("POST /Invoices/query"));
    }

    [Fact]
    public async Task A_write_answered_200_with_an_unreadable_body_counts_as_landed_and_is_not_sent_again()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(services: FastRetries);
        await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(Thru) { InvoiceIds = ["70001"] });
        await FaultAsync(sandbox, "PATCH", "/Invoices", 10);

        var results = await source.SetPaidAsync([new PsaPaidMark("70001", new LocalDate(2026, 11, 19), 1m)]);

        // Autotask documents that operational calls may answer without JSON and that the status is the proof
        // (Contracts/AutotaskVendorSampleTests): the PATCH landed, so it is reported landed and not sent again.
        Assert.True(Assert.Single(results).Succeeded);
        Assert.Equal(1, (await sandbox.StatsAsync()).Route("PATCH /Invoices"));
        Assert.Equal("2026-11-19T00:00:00Z", (string?)(await sandbox.InvoiceStateAsync(70001))["paidDate"]);
    }

    // Retries back off 1 ms instead of 1 s: a cut 200 carries no Retry-After, so the backoff is the plumbing's own.
    private static void FastRetries(IServiceCollection services) =>
        services.Configure<VendorHttpOptions>(VendorHttpClientNames.For("autotask", "default"), o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        });

    private static async Task FaultAsync(AutotaskSandbox sandbox, string method, string path, int count)
    {
        using var response = await sandbox.Admin.PostAsync("_sandbox/faults", JsonContent.Create(new
        {
            rules = new[] { new { vendor = "autotask", method, pathContains = path, malformed = true, count } },
        }));
        response.EnsureSuccessStatusCode();
    }
}
