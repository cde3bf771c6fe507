using NodaTime;

namespace WiseSync.Pay.Tests;

/// <summary>The README's quick start, kept compiling and true.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task Readme_quick_start_queues_and_charges_an_invoice()
    {
        await using var f = new PayFixture();
        var invoice = PayFixture.Invoice(companyId: "29683", dueDate: new LocalDate(2026, 3, 1));
        LocalDate? dueDate = invoice.DueDate;

        var options = new WisePayOptions { DatabasePath = f.DatabasePath };
        var pay = new WisePayScheduler(options, f.Clock);
        await pay.Store.SavePayerAsync(new Payer("acme", PsaCompanyId: "29683")
        {
            Primary = PaymentMethod.Card("Visa", "4242"),
            AutoPayTerms = [AutoPayTerms.OnDueDate("Net 30"), AutoPayTerms.DayOfMonth("Monthly", 31)],
        });
        await pay.Store.SaveMerchantSettingsAsync(new MerchantSettings { MaximumTransactionAmount = 5000m });
        var result = await pay.ScheduleAsync(new PaymentScheduleRequest(invoice, dueDate, null, null));
        var run = await pay.ProcessDuePaymentsAsync(new FakePaymentGateway());

        Assert.Equal(PaymentQueueStatus.Queued, result.Status);
        Assert.Contains("Visa **** 4242", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, run.Charged);
    }
}
