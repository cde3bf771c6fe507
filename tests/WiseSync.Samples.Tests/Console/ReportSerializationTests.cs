using System.Text.Json;
using NodaTime;

namespace WiseSync.Samples.Tests.Console;

/// <summary>The SDK's report types serialise their timestamps and dates as ISO text with a plain <see cref="JsonSerializer"/> call.</summary>
public sealed class ReportSerializationTests
{
    private static readonly Instant Started = Instant.FromUtc(2026, 11, 20, 9, 30, 15);

    [Fact]
    public void Sync_report_serialises_its_timestamps_as_iso_text()
    {
        var report = new SyncReport("b-1", SyncAction.PostToAccounting, "default", Started, Started + Duration.FromSeconds(6), [
            new InvoiceSyncResult("70001", "INV-10001", SyncStatus.Success, []) { Total = 12.5m, AccountingUrl = new Uri("https://go.xero.com/x") },
        ]);

        var json = JsonSerializer.Serialize(report);

        Assert.Contains("\"StartedAt\":\"2026-11-20T09:30:15Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"FinishedAt\":\"2026-11-20T09:30:21Z\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<SyncReport>(json)!;
        Assert.Equal(report.StartedAt, back.StartedAt);
        Assert.Equal(report.FinishedAt, back.FinishedAt);
    }

    [Fact]
    public void Ledger_batch_and_psa_invoice_serialise_their_dates_as_iso_text()
    {
        var batch = new LedgerBatch("b-1", "default", SyncAction.PostToAccounting, Started) { FinishedAt = Started, DeletingAt = null };
        var invoice = new PsaInvoice("70001", "INV-10001", new PsaCompanyRef("1", "Cedar"), new LocalDate(2026, 11, 20), null, null, "USD", [], 1m, 0m, 1m, [])
        {
            SyncedMark = Started,
            PaidDate = new LocalDate(2026, 12, 1),
        };

        var batchJson = JsonSerializer.Serialize(batch);
        var invoiceJson = JsonSerializer.Serialize(invoice);

        Assert.Contains("\"StartedAt\":\"2026-11-20T09:30:15Z\"", batchJson, StringComparison.Ordinal);
        Assert.Contains("\"FinishedAt\":\"2026-11-20T09:30:15Z\"", batchJson, StringComparison.Ordinal);
        Assert.Contains("\"DeletingAt\":null", batchJson, StringComparison.Ordinal);
        Assert.Contains("\"InvoiceDate\":\"2026-11-20\"", invoiceJson, StringComparison.Ordinal);
        Assert.Contains("\"DueDate\":null", invoiceJson, StringComparison.Ordinal);
        Assert.Contains("\"SyncedMark\":\"2026-11-20T09:30:15Z\"", invoiceJson, StringComparison.Ordinal);
        Assert.Contains("\"PaidDate\":\"2026-12-01\"", invoiceJson, StringComparison.Ordinal);
    }
}
