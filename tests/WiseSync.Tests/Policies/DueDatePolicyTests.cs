using NodaTime;
using WiseSync.Policies;
using WiseSync.Tests.Fakes;

namespace WiseSync.Tests.Policies;

public sealed class DueDatePolicyTests
{
    private static PsaInvoice Dated(LocalDate date, string? terms, LocalDate? due = null, int? dueDays = null) =>
        Invoices.Make("1") with { InvoiceDate = date, DueDate = due, Terms = terms is null ? null : new PaymentTermsRef("t", terms, dueDays) };

    private static DueDatePolicy Policy(int? defaultNet = null) => new(
        new Dictionary<string, PaymentTermsRule>(StringComparer.OrdinalIgnoreCase)
        {
            ["Net 30"] = new() { Kind = PaymentTermsKind.Net, Days = 30 },
            ["20th of next month"] = new() { Kind = PaymentTermsKind.DaysAfterEndOfMonth, Days = 20 },
            ["EOM"] = new() { Kind = PaymentTermsKind.DaysAfterEndOfMonth, Days = 0 },
        },
        defaultNet);

    [Fact]
    public void The_psa_due_date_wins()
    {
        var result = Policy().Compute(Dated(new LocalDate(2026, 11, 1), "Net 30", due: new LocalDate(2026, 11, 10)));
        Assert.Equal(new LocalDate(2026, 11, 10), result.DueDate);
    }

    [Theory]
    [InlineData(2026, 12, 15, "Net 30", 2027, 1, 14)]
    [InlineData(2026, 1, 31, "20th of next month", 2026, 2, 20)]
    [InlineData(2026, 12, 10, "20th of next month", 2027, 1, 20)]
    [InlineData(2026, 12, 31, "20th of next month", 2027, 1, 20)]
    [InlineData(2028, 2, 3, "EOM", 2028, 2, 29)]
    [InlineData(2027, 2, 3, "eom", 2027, 2, 28)]
    public void Terms_cross_reference_computes_the_due_date_across_month_and_year_ends(int y, int m, int d, string terms, int ey, int em, int ed)
    {
        var result = Policy().Compute(Dated(new LocalDate(y, m, d), terms));
        Assert.Equal(new LocalDate(ey, em, ed), result.DueDate);
        Assert.Null(result.Warning);
    }

    [Fact]
    public void The_psa_terms_day_count_is_used_when_the_terms_are_not_cross_referenced()
    {
        var result = Policy().Compute(Dated(new LocalDate(2026, 11, 20), "Custom 14", dueDays: 14));
        Assert.Equal(new LocalDate(2026, 12, 4), result.DueDate);
    }

    [Fact]
    public void Unknown_terms_without_a_default_give_the_invoice_date_and_a_warning_naming_them()
    {
        var result = Policy().Compute(Dated(new LocalDate(2026, 11, 20), "Whenever"));
        Assert.Equal(new LocalDate(2026, 11, 20), result.DueDate);
        Assert.Contains("Whenever", result.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void No_due_date_and_no_terms_give_the_invoice_date_and_a_warning()
    {
        var result = Policy().Compute(Dated(new LocalDate(2026, 11, 20), null));
        Assert.Equal(new LocalDate(2026, 11, 20), result.DueDate);
        Assert.Equal("Due on the invoice date: the invoice has no due date and no payment terms.", result.Warning);
    }

    [Theory]
    [InlineData("Net 30", 2026, 12, 20)]
    [InlineData("20th of next month", 2026, 12, 20)]
    [InlineData(null, 2026, 11, 20)]
    public void A_psa_due_date_of_year_one_is_no_due_date(string? terms, int ey, int em, int ed)
    {
        var result = Policy().Compute(Dated(new LocalDate(2026, 11, 20), terms, due: new LocalDate(1, 1, 1)));
        Assert.Equal(new LocalDate(ey, em, ed), result.DueDate);
    }

    [Fact]
    public void Unknown_terms_fall_back_to_the_default_net_days()
    {
        var result = Policy(defaultNet: 7).Compute(Dated(new LocalDate(2026, 11, 28), null));
        Assert.Equal(new LocalDate(2026, 12, 5), result.DueDate);
    }
}
