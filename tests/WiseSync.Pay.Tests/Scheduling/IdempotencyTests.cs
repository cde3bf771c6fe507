using NodaTime;

namespace WiseSync.Pay.Tests.Scheduling;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Rescheduling_keeps_one_payment_and_updates_amount_and_date()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        var first = await f.ScheduleAsync(PayFixture.Invoice(total: 100m, dueDate: new LocalDate(2026, 3, 31)));
        var before = await f.Store.GetPaymentAsync("INV-1");

        var again = await f.ScheduleAsync(PayFixture.Invoice(total: 100m, dueDate: new LocalDate(2026, 3, 31)));
        var changed = await f.ScheduleAsync(PayFixture.Invoice(total: 150m, dueDate: new LocalDate(2026, 4, 15)));

        Assert.Equal(PaymentQueueStatus.Queued, first.Status);
        Assert.Equal(PaymentQueueStatus.Queued, again.Status);
        Assert.Equal(new LocalDate(2026, 4, 15), changed.ScheduledDate);
        var outstanding = await f.Store.ListOutstandingAsync();
        var payment = Assert.Single(outstanding);
        Assert.Equal(before!.Id, payment.Id);
        Assert.Equal(150m, payment.Amount);
        Assert.Equal(new LocalDate(2026, 4, 15), payment.ScheduledDate);
    }

    [Fact]
    public async Task Rescheduling_an_invoice_that_no_longer_qualifies_cancels_its_payment()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.Store.SaveMerchantSettingsAsync(new MerchantSettings { MaximumTransactionAmount = 500m });
        await f.ScheduleAsync(PayFixture.Invoice(total: 100m));

        var result = await f.ScheduleAsync(PayFixture.Invoice(total: 900m));

        Assert.Equal(PaymentQueueStatus.Disabled, result.Status);
        var payment = await f.Store.GetPaymentAsync("INV-1");
        Assert.Equal(ScheduledPaymentStatus.Cancelled, payment!.Status);
        Assert.Contains("maximum", payment.Message, StringComparison.Ordinal);
        Assert.Empty(await f.Store.ListOutstandingAsync());
    }

    [Fact]
    public async Task Cancel_takes_the_payment_out_of_the_queue_and_a_new_post_brings_it_back()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.ScheduleAsync(PayFixture.Invoice(dueDate: new LocalDate(2026, 3, 1)));

        await f.Scheduler.CancelAsync("INV-1");
        var dueAfterCancel = await f.Scheduler.GetDuePaymentsAsync(new LocalDate(2026, 3, 1));
        var cancelled = await f.Store.GetPaymentAsync("INV-1");
        var requeued = await f.ScheduleAsync(PayFixture.Invoice(dueDate: new LocalDate(2026, 3, 1)));

        Assert.Empty(dueAfterCancel);
        Assert.Equal(ScheduledPaymentStatus.Cancelled, cancelled!.Status);
        Assert.Equal(PaymentQueueStatus.Queued, requeued.Status);
        Assert.Equal(cancelled.Id, Assert.Single(await f.Scheduler.GetDuePaymentsAsync(new LocalDate(2026, 3, 1))).Id);
    }

    [Fact]
    public async Task Settle_removes_the_payment_from_outstanding_and_it_is_not_queued_again()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.ScheduleAsync(PayFixture.Invoice(dueDate: new LocalDate(2026, 3, 1)));

        await f.Scheduler.SettleAsync("INV-1", new LocalDate(2026, 3, 2));
        var again = await f.ScheduleAsync(PayFixture.Invoice(dueDate: new LocalDate(2026, 3, 1)));

        Assert.Empty(await f.Store.ListOutstandingAsync());
        Assert.Empty(await f.Scheduler.GetDuePaymentsAsync(new LocalDate(2026, 12, 31)));
        var payment = await f.Store.GetPaymentAsync("INV-1");
        Assert.Equal(ScheduledPaymentStatus.Settled, payment!.Status);
        Assert.Equal(new LocalDate(2026, 3, 2), payment.SettledDate);
        Assert.Equal(PaymentQueueStatus.Disabled, again.Status);
        Assert.Contains("settled on 2026-03-02", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_schedules_of_one_invoice_leave_one_payment()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        var other = f.NewScheduler();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? f.Scheduler : other).ScheduleAsync(new PaymentScheduleRequest(PayFixture.Invoice(), null, null, null)))));

        Assert.Single(await f.Store.ListOutstandingAsync());
    }
}
