using NodaTime;

namespace WiseSync.Autotask.Tests;

public sealed class WriteTests
{
    /// <summary>Impersonating this resource acts as a security level without edit rights in the sandbox.</summary>
    private const int RestrictedResourceId = 900;

    [Fact]
    public async Task Mark_synced_sets_the_web_service_date_by_PATCH_and_the_listing_then_skips_the_invoice()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();
        var at = Instant.FromUtc(2026, 11, 20, 14, 5, 30);

        var results = await source.MarkSyncedAsync("batch-1", [new PsaSyncMark("70001", at, "X-1"), new PsaSyncMark("70002", at, "X-2")]);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal("2026-11-20T14:05:30.000Z", (string?)(await sandbox.InvoiceStateAsync(70001))["webServiceDate"]);
        var listed = await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(new LocalDate(2026, 11, 20)));
        Assert.DoesNotContain(listed, i => i.Id is "70001" or "70002");
        var stats = await sandbox.StatsAsync();
        Assert.Equal(2, stats.Route("PATCH /Invoices"));
        Assert.Equal(0, stats.Route("PUT /Invoices"));
    }

    [Fact]
    public async Task Clearing_the_mark_sends_an_explicit_null_and_the_invoice_is_listed_again()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();
        await source.MarkSyncedAsync("batch-1", [new PsaSyncMark("70010", Instant.FromUtc(2026, 11, 20, 9, 0), null)]);

        var results = await source.ClearSyncedAsync(["70010"]);

        Assert.True(Assert.Single(results).Succeeded);
        var state = await sandbox.InvoiceStateAsync(70010);
        Assert.True(state.ContainsKey("webServiceDate"));
        Assert.Null(state["webServiceDate"]);
        Assert.Equal("INV-10010", (string?)state["invoiceNumber"]);
        var body = (string?)(await sandbox.RequestsAsync(5)).Last(r => (string?)r!["method"] == "PATCH")!["body"];
        Assert.Contains("\"webServiceDate\":null", body, StringComparison.Ordinal);
        Assert.Contains(await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(new LocalDate(2026, 11, 20))), i => i.Id == "70010");
    }

    [Fact]
    public async Task Paid_date_is_stored_as_a_date_only_and_read_back_as_that_date()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(o => o.TimeZone = "America/Los_Angeles");

        var results = await source.SetPaidAsync([new PsaPaidMark("70020", new LocalDate(2026, 11, 18), 125.50m)]);

        Assert.True(Assert.Single(results).Succeeded);
        Assert.Equal("2026-11-18T00:00:00Z", (string?)(await sandbox.InvoiceStateAsync(70020))["paidDate"]);
        var invoice = Assert.Single(await AutotaskSandbox.ListAsync(source, new PsaInvoiceQuery(new LocalDate(2026, 11, 20)) { InvoiceIds = ["70020"] }));
        Assert.Equal(new LocalDate(2026, 11, 18), invoice.PaidDate);
    }

    [Fact]
    public async Task A_500_with_errors_becomes_that_invoice_s_error_with_the_vendor_message_and_the_others_succeed()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        await sandbox.SeedAsync(new
        {
            generate = new { },
            problems = new[] { new { kind = "write-error", invoiceId = 70031, note = "Invoice 70031 is locked: the table is in use by another process." } },
        });
        var source = sandbox.CreateSource();
        var at = Instant.FromUtc(2026, 11, 20, 9, 0);

        var results = await source.MarkSyncedAsync("b", [new PsaSyncMark("70030", at, null), new PsaSyncMark("70031", at, null), new PsaSyncMark("70032", at, null)]);

        Assert.True(results[0].Succeeded);
        Assert.True(results[2].Succeeded);
        Assert.False(results[1].Succeeded);
        Assert.Contains("Invoice 70031 is locked: the table is in use by another process.", results[1].Error, StringComparison.Ordinal);
        Assert.Null((await sandbox.InvoiceStateAsync(70031))["webServiceDate"]);
    }

    [Fact]
    public async Task A_permission_failure_is_a_configuration_error_not_an_invoice_error()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource(o => o.ImpersonationResourceId = RestrictedResourceId);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => source.SetPaidAsync([new PsaPaidMark("70001", new LocalDate(2026, 11, 18), 1m)]));

        Assert.Contains("adequate permissions", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_that_is_not_an_Autotask_id_is_a_per_invoice_error()
    {
        await using var sandbox = await AutotaskSandbox.StartAsync();
        var source = sandbox.CreateSource();

        var results = await source.ClearSyncedAsync(["not-a-number", "70001"]);

        Assert.False(results[0].Succeeded);
        Assert.True(results[1].Succeeded);
    }
}
