using NodaTime;

namespace WiseSync.Pay.Tests.Scheduling;

public sealed class ChargeDateTests
{
    [Theory]
    [InlineData("2026-02-10", 31, "2026-02-28")] // day 31 in February: the last day
    [InlineData("2028-02-10", 31, "2028-02-29")] // leap year
    [InlineData("2026-04-15", 31, "2026-04-30")] // 30-day month
    [InlineData("2026-01-31", 31, "2026-01-31")] // the invoice date itself
    [InlineData("2026-01-31", 30, "2026-02-28")] // passed this month, clamped next month
    [InlineData("2026-12-20", 5, "2027-01-05")]  // across the year end
    [InlineData("2026-12-31", 31, "2026-12-31")]
    public async Task Fixed_day_of_month_is_the_next_such_day_clamped_to_month_end(string invoiceDate, int day, string expected)
    {
        var result = await ScheduleAsync(AutoPayTerms.DayOfMonth("Monthly", day), LocalDateParse(invoiceDate), null, today: LocalDateParse(invoiceDate));

        Assert.Equal(PaymentQueueStatus.Queued, result.Status);
        Assert.Equal(LocalDateParse(expected), result.ScheduledDate);
    }

    [Theory]
    [InlineData("2026-12-20", 15, "2027-01-04")]
    [InlineData("2026-01-31", 28, "2026-02-28")]
    [InlineData("2028-02-28", 1, "2028-02-29")]
    [InlineData("2026-03-10", 0, "2026-03-10")]
    public async Task Days_after_invoice_date_cross_month_and_year_ends(string invoiceDate, int days, string expected)
    {
        var result = await ScheduleAsync(AutoPayTerms.DaysAfterInvoiceDate("Monthly", days), LocalDateParse(invoiceDate), null, today: LocalDateParse(invoiceDate));

        Assert.Equal(LocalDateParse(expected), result.ScheduledDate);
    }

    [Fact]
    public async Task On_due_date_uses_the_engines_due_date_first()
    {
        var result = await ScheduleAsync(AutoPayTerms.OnDueDate("Monthly"), new LocalDate(2026, 12, 15), new LocalDate(2027, 1, 20), today: new LocalDate(2026, 12, 15));

        // The PSA says 2027-01-14 (invoice date + 30); the engine computed 2027-01-20.
        Assert.Equal(new LocalDate(2027, 1, 20), result.ScheduledDate);
    }

    [Fact]
    public async Task Planned_date_in_the_past_is_charged_today_and_says_so()
    {
        var result = await ScheduleAsync(AutoPayTerms.DaysAfterInvoiceDate("Monthly", 3), new LocalDate(2026, 1, 1), null, today: new LocalDate(2026, 2, 1));

        Assert.Equal(new LocalDate(2026, 2, 1), result.ScheduledDate);
        Assert.Contains("2026-01-04 has passed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Day_of_month_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AutoPayTerms.DayOfMonth("Monthly", 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => AutoPayTerms.DayOfMonth("Monthly", 0));
    }

    private static async Task<PaymentScheduleResult> ScheduleAsync(AutoPayTerms rule, LocalDate invoiceDate, LocalDate? dueDate, LocalDate today)
    {
        var clock = new FakeClock(today.AtMidnight().InUtc().ToInstant() + Duration.FromHours(12));
        await using var f = new PayFixture(clock);
        await f.Store.SavePayerAsync(PayFixture.AcmePayer(rule));
        var invoice = PayFixture.Invoice(terms: "Monthly", invoiceDate: invoiceDate, dueDate: invoiceDate.PlusDays(30));
        return await f.Scheduler.ScheduleAsync(new PaymentScheduleRequest(invoice, dueDate, null, null));
    }

    private static LocalDate LocalDateParse(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}
