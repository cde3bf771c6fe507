using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

public sealed class PaymentTests
{
    [Fact]
    public async Task Paid_status_amount_and_fully_paid_date_are_read_back_in_bulk()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        var customer = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0].Customer!.Id;
        var written = await sink.UpsertInvoicesAsync([Invoice("INV-1", customer), Invoice("INV-2", customer), Invoice("INV-3", customer)]);
        await sandbox.PayAsync("INV-1", 200m, "2026-11-18");
        await sandbox.PayAsync("INV-2", 50m, "2026-11-19");

        var status = await sink.GetPaymentStatusAsync(new PaymentStatusQuery(written.Select(w => w.Invoice!.Id).ToList(), null));

        Assert.Equal(1, await sandbox.RouteCountAsync("GET /Invoices"));
        var byNumber = status.Invoices.ToDictionary(i => i.Number);
        Assert.Equal(3, byNumber.Count);
        Assert.True(byNumber["INV-1"].IsFullyPaid);
        Assert.Equal("PAID", byNumber["INV-1"].Status);
        Assert.Equal(new NodaTime.LocalDate(2026, 11, 18), byNumber["INV-1"].FullyPaidOn);
        Assert.Equal(50m, byNumber["INV-2"].AmountPaid);
        Assert.Equal(150m, byNumber["INV-2"].AmountDue);
        Assert.Null(byNumber["INV-2"].FullyPaidOn);
        Assert.False(byNumber["INV-3"].IsFullyPaid);
        Assert.NotNull(status.NewWatermark);
    }

    [Fact]
    public async Task With_a_watermark_only_invoices_changed_since_are_returned()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await XeroSandbox.StartAsync(time: clock);
        var sink = sandbox.Sink();
        var customer = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0].Customer!.Id;
        var written = await sink.UpsertInvoicesAsync([Invoice("INV-1", customer), Invoice("INV-2", customer)]);
        var ids = written.Select(w => w.Invoice!.Id).ToList();
        clock.Advance(TimeSpan.FromMinutes(1));
        var first = await sink.GetPaymentStatusAsync(new PaymentStatusQuery(ids, null));
        clock.Advance(TimeSpan.FromMinutes(5));
        await sandbox.PayAsync("INV-2", 200m, "2026-11-20");

        var second = await sink.GetPaymentStatusAsync(new PaymentStatusQuery(ids, first.NewWatermark));

        var changed = Assert.Single(second.Invoices);
        Assert.Equal("INV-2", changed.Number);
        Assert.Equal(new NodaTime.LocalDate(2026, 11, 20), changed.FullyPaidOn);
        var requests = await sandbox.RequestsAsync();
        var last = requests.Last(r => (string?)r!["method"] == "GET" && ((string?)r["path"])!.EndsWith("/Invoices", StringComparison.Ordinal));
        Assert.Contains("If-Modified-Since", last!["headers"]!.AsObject().Select(h => h.Key), StringComparer.OrdinalIgnoreCase);
        Assert.True(string.CompareOrdinal(second.NewWatermark, first.NewWatermark) > 0);
    }
}
