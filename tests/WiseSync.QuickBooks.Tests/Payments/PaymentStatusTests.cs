using NodaTime;
using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Payments;

public sealed class PaymentStatusTests
{
    [Fact]
    public async Task Fully_paid_invoice_reports_the_date_of_its_linked_payment()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var written = await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 100m), Drafts.Invoice("2", "INV-2", customer, 80m)]);
        await qbo.PayAsync("INV-1", 100m, "2026-11-18");

        var status = await qbo.Sink.GetPaymentStatusAsync(new PaymentStatusQuery(written.Select(w => w.Invoice!.Id).ToList(), null));

        var paid = Assert.Single(status.Invoices, i => i.Number == "INV-1");
        Assert.True(paid.IsFullyPaid);
        Assert.Equal(new LocalDate(2026, 11, 18), paid.FullyPaidOn);
        Assert.Equal(0m, paid.AmountDue);
        Assert.Equal(100m, paid.AmountPaid);
        var open = Assert.Single(status.Invoices, i => i.Number == "INV-2");
        Assert.False(open.IsFullyPaid);
        Assert.Null(open.FullyPaidOn);
    }

    [Fact]
    public async Task Paid_date_is_the_latest_of_several_payments()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var written = Assert.Single(await qbo.Sink.UpsertInvoicesAsync([Drafts.Invoice("1", "INV-1", customer, 100m)]));
        await qbo.PayAsync("INV-1", 40m, "2026-11-10");

        var partly = Assert.Single((await qbo.Sink.GetPaymentStatusAsync(new PaymentStatusQuery([written.Invoice!.Id], null))).Invoices);
        await qbo.PayAsync("INV-1", 60m, "2026-11-19");
        var fully = Assert.Single((await qbo.Sink.GetPaymentStatusAsync(new PaymentStatusQuery([written.Invoice.Id], null))).Invoices);

        Assert.False(partly.IsFullyPaid);
        Assert.Equal(60m, partly.AmountDue);
        Assert.Equal("PartiallyPaid", partly.Status);
        Assert.True(fully.IsFullyPaid);
        Assert.Equal(new LocalDate(2026, 11, 19), fully.FullyPaidOn);
    }

    [Fact]
    public async Task Watermark_brings_back_only_invoices_changed_since_the_previous_call()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        await using var qbo = await QuickBooksHarness.StartAsync(sandboxClock: clock);
        var customer = (await Drafts.CustomersAsync(qbo.Sink, 1))[0];
        var early = await qbo.Sink.UpsertInvoicesAsync(Enumerable.Range(1, 3).Select(i => Drafts.Invoice($"{i}", $"INV-{i}", customer)).ToList());
        clock.Advance(TimeSpan.FromMinutes(1));
        var late = await qbo.Sink.UpsertInvoicesAsync(Enumerable.Range(4, 3).Select(i => Drafts.Invoice($"{i}", $"INV-{i}", customer)).ToList());
        var ids = early.Concat(late).Select(w => w.Invoice!.Id).ToList();
        var first = await qbo.Sink.GetPaymentStatusAsync(new PaymentStatusQuery(ids, null));
        Assert.Equal(6, first.Invoices.Count);

        clock.Advance(TimeSpan.FromMinutes(1));
        await qbo.PayAsync("INV-1", 100m, "2026-11-19");
        var second = await qbo.Sink.GetPaymentStatusAsync(new PaymentStatusQuery(ids, first.NewWatermark));
        var third = await qbo.Sink.GetPaymentStatusAsync(new PaymentStatusQuery(ids, second.NewWatermark));

        // INV-2 and INV-3 did not change after the watermark; INV-4..6 sit on it and are read again rather than risk a miss.
        Assert.Equal(["INV-1", "INV-4", "INV-5", "INV-6"], second.Invoices.Select(i => i.Number).Order());
        Assert.True(Assert.Single(second.Invoices, i => i.Number == "INV-1").IsFullyPaid);
        Assert.Equal(["INV-1"], third.Invoices.Select(i => i.Number));
    }

    [Fact]
    public async Task Status_of_sixty_invoices_costs_one_invoice_query_and_one_payment_query()
    {
        await using var qbo = await QuickBooksHarness.StartAsync();
        var customers = await Drafts.CustomersAsync(qbo.Sink, 4);
        var ids = new List<string>();
        for (var chunk = 0; chunk < 2; chunk++)
        {
            var written = await qbo.Sink.UpsertInvoicesAsync(Enumerable.Range(chunk * 30 + 1, 30).Select(i => Drafts.Invoice($"{i}", $"INV-{i}", customers[i % 4])).ToList());
            ids.AddRange(written.Select(w => w.Invoice!.Id));
        }

        foreach (var n in new[] { 3, 17, 33, 58 })
        {
            await qbo.PayAsync($"INV-{n}", 100m, $"2026-11-{n % 28 + 1:00}");
        }

        var before = await qbo.ApiCallsAsync();
        var status = await qbo.Sink.GetPaymentStatusAsync(new PaymentStatusQuery(ids, null));

        Assert.Equal(60, status.Invoices.Count);
        Assert.Equal(4, status.Invoices.Count(i => i.IsFullyPaid));
        Assert.All(status.Invoices.Where(i => i.IsFullyPaid), i => Assert.NotNull(i.FullyPaidOn));
        Assert.Equal(before + 2, await qbo.ApiCallsAsync());
    }
}
