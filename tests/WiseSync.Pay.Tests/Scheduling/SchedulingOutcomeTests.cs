using NodaTime;

namespace WiseSync.Pay.Tests.Scheduling;

public sealed class SchedulingOutcomeTests
{
    [Fact]
    public async Task Invoice_with_auto_pay_terms_and_active_payer_is_queued_with_date_and_masked_method()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());

        var result = await f.ScheduleAsync(PayFixture.Invoice(dueDate: new LocalDate(2026, 3, 31)));

        Assert.Equal(PaymentQueueStatus.Queued, result.Status);
        Assert.Equal(new LocalDate(2026, 3, 31), result.ScheduledDate);
        Assert.Equal("Visa **** 4242", result.Method);
        Assert.Contains("2026-03-31", result.Message, StringComparison.Ordinal);
        var payment = await f.Store.GetPaymentAsync("INV-1");
        Assert.NotNull(payment);
        Assert.Equal(ScheduledPaymentStatus.Scheduled, payment.Status);
        Assert.Equal(100m, payment.Amount);
    }

    [Fact]
    public async Task Company_without_a_payer_is_no_payer()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());

        var result = await f.ScheduleAsync(PayFixture.Invoice(companyId: "C2"));

        Assert.Equal(PaymentQueueStatus.NoPayer, result.Status);
        Assert.Contains("No payer", result.Message, StringComparison.Ordinal);
        Assert.Null(await f.Store.GetPaymentAsync("INV-1"));
    }

    [Fact]
    public async Task Inactive_payer_is_no_payer()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer() with { IsActive = false });

        var result = await f.ScheduleAsync(PayFixture.Invoice());

        Assert.Equal(PaymentQueueStatus.NoPayer, result.Status);
        Assert.Contains("inactive", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payer_without_a_payment_method_is_no_payer()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer() with { Primary = null, Secondary = null });

        var result = await f.ScheduleAsync(PayFixture.Invoice());

        Assert.Equal(PaymentQueueStatus.NoPayer, result.Status);
        Assert.Contains("no payment method", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secondary_method_is_used_when_the_payer_has_no_primary()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer() with { Primary = null });

        var result = await f.ScheduleAsync(PayFixture.Invoice());

        Assert.Equal(PaymentQueueStatus.Queued, result.Status);
        Assert.Equal("Chase checking (account ending 6789)", result.Method);
    }

    [Fact]
    public async Task Payer_is_found_by_accounting_customer_when_the_company_is_not_linked()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        var invoice = PayFixture.Invoice(companyId: "C-OTHER");

        var result = await f.Scheduler.ScheduleAsync(new PaymentScheduleRequest(invoice, invoice.DueDate, null, "X-ACME"));

        Assert.Equal(PaymentQueueStatus.Queued, result.Status);
    }

    [Fact]
    public async Task Invoice_without_terms_is_no_terms()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());

        var result = await f.ScheduleAsync(PayFixture.Invoice(terms: null));

        Assert.Equal(PaymentQueueStatus.NoTerms, result.Status);
        Assert.Contains("no billing terms", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terms_that_are_not_auto_pay_for_the_payer_are_no_terms_and_name_the_auto_pay_terms()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer(AutoPayTerms.OnDueDate("Net 30")));

        var result = await f.ScheduleAsync(PayFixture.Invoice(terms: "Net 60"));

        Assert.Equal(PaymentQueueStatus.NoTerms, result.Status);
        Assert.Contains("'Net 60'", result.Message, StringComparison.Ordinal);
        Assert.Contains("Net 30", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_pay_terms_match_the_terms_id_ignoring_case()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer(AutoPayTerms.OnDueDate("t-net-30")));

        var result = await f.ScheduleAsync(PayFixture.Invoice(terms: "Net 30"));

        Assert.Equal(PaymentQueueStatus.Queued, result.Status);
    }

    [Fact]
    public async Task Disabled_merchant_is_disabled()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.Store.SaveMerchantSettingsAsync(new MerchantSettings { Enabled = false });

        var result = await f.ScheduleAsync(PayFixture.Invoice());

        Assert.Equal(PaymentQueueStatus.Disabled, result.Status);
        Assert.Contains("disabled for this merchant", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amount_above_the_maximum_transaction_is_disabled_and_says_why()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.Store.SaveMerchantSettingsAsync(new MerchantSettings { MaximumTransactionAmount = 1000m });

        var atCap = await f.ScheduleAsync(PayFixture.Invoice("INV-CAP", total: 1000m));
        var above = await f.ScheduleAsync(PayFixture.Invoice("INV-BIG", total: 1000.01m));

        Assert.Equal(PaymentQueueStatus.Queued, atCap.Status);
        Assert.Equal(PaymentQueueStatus.Disabled, above.Status);
        Assert.Contains("1,000.01 USD is above the merchant's maximum of 1,000.00", above.Message, StringComparison.Ordinal);
        Assert.Null(await f.Store.GetPaymentAsync("INV-BIG"));
    }

    [Fact]
    public async Task Charge_date_beyond_the_overdue_limit_is_disabled_and_says_why()
    {
        // Today is 2026-03-01; the invoice was due 2026-02-10, so charging today is 19 days overdue.
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.Store.SaveMerchantSettingsAsync(new MerchantSettings { MaximumOverdueDays = 18 });
        var invoice = PayFixture.Invoice(invoiceDate: new LocalDate(2026, 1, 11), dueDate: new LocalDate(2026, 2, 10));

        var refused = await f.ScheduleAsync(invoice);
        await f.Store.SaveMerchantSettingsAsync(new MerchantSettings { MaximumOverdueDays = 19 });
        var allowed = await f.ScheduleAsync(invoice);

        Assert.Equal(PaymentQueueStatus.Disabled, refused.Status);
        Assert.Contains("19 days after its due date 2026-02-10", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at most 18 overdue days", refused.Message, StringComparison.Ordinal);
        Assert.Equal(PaymentQueueStatus.Queued, allowed.Status);
        Assert.Equal(new LocalDate(2026, 3, 1), allowed.ScheduledDate);
    }

    [Fact]
    public async Task Charge_date_after_the_cutoff_date_is_disabled_and_says_why()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.Store.SaveMerchantSettingsAsync(new MerchantSettings { PaymentCutoffDate = new LocalDate(2026, 3, 30) });

        var after = await f.ScheduleAsync(PayFixture.Invoice("INV-LATE", dueDate: new LocalDate(2026, 3, 31)));
        var onCutoff = await f.ScheduleAsync(PayFixture.Invoice("INV-ON", dueDate: new LocalDate(2026, 3, 30)));

        Assert.Equal(PaymentQueueStatus.Disabled, after.Status);
        Assert.Contains("after the merchant's payment cutoff date 2026-03-30", after.Message, StringComparison.Ordinal);
        Assert.Equal(PaymentQueueStatus.Queued, onCutoff.Status);
    }

    [Fact]
    public async Task Credit_note_is_never_queued()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());

        var result = await f.ScheduleAsync(PayFixture.Invoice(total: -50m));

        Assert.Equal(PaymentQueueStatus.Disabled, result.Status);
        Assert.Contains("Credit note", result.Message, StringComparison.Ordinal);
        Assert.Null(await f.Store.GetPaymentAsync("INV-1"));
    }

    [Fact]
    public async Task Accounting_amount_due_is_what_gets_charged()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        var invoice = PayFixture.Invoice(total: 100m);
        var posted = new AccountingInvoiceRef("acc-1", "N-INV-1", "AUTHORISED", 60m, 40m);

        var result = await f.Scheduler.ScheduleAsync(new PaymentScheduleRequest(invoice, invoice.DueDate, posted, "X-ACME"));

        Assert.Equal(PaymentQueueStatus.Queued, result.Status);
        Assert.Equal(60m, (await f.Store.GetPaymentAsync("INV-1"))!.Amount);
    }

    [Fact]
    public async Task Voided_or_already_paid_invoice_is_disabled_and_cancels_a_waiting_payment()
    {
        await using var f = new PayFixture();
        await f.Store.SavePayerAsync(PayFixture.AcmePayer());
        await f.ScheduleAsync(PayFixture.Invoice());

        var paid = await f.ScheduleAsync(PayFixture.Invoice() with { PaidDate = new LocalDate(2026, 2, 28) });
        var voided = await f.ScheduleAsync(PayFixture.Invoice("INV-V") with { IsVoided = true });

        Assert.Equal(PaymentQueueStatus.Disabled, paid.Status);
        Assert.Contains("Already paid on 2026-02-28", paid.Message, StringComparison.Ordinal);
        Assert.Equal(PaymentQueueStatus.Disabled, voided.Status);
        Assert.Contains("voided", voided.Message, StringComparison.Ordinal);
        Assert.Equal(ScheduledPaymentStatus.Cancelled, (await f.Store.GetPaymentAsync("INV-1"))!.Status);
    }
}
