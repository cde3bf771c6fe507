namespace WiseSync.Pay.Internal;

/// <summary>The day an auto-pay rule charges an invoice, in calendar (LocalDate) arithmetic.</summary>
internal static class ChargeDateCalculator
{
    public static LocalDate PlannedDate(AutoPayTerms rule, LocalDate invoiceDate, LocalDate dueDate) => rule.Timing switch
    {
        AutoPayTiming.OnDueDate => dueDate,
        AutoPayTiming.DaysAfterInvoiceDate => invoiceDate.PlusDays(rule.Value),
        _ => NextDayOfMonth(invoiceDate, rule.Value),
    };

    /// <summary>The first day <paramref name="day"/> on or after <paramref name="from"/>; a month without that day uses its last day.</summary>
    public static LocalDate NextDayOfMonth(LocalDate from, int day)
    {
        var inMonth = Clamp(from.Year, from.Month, day);
        if (inMonth >= from)
        {
            return inMonth;
        }

        var next = from.With(DateAdjusters.StartOfMonth).PlusMonths(1);
        return Clamp(next.Year, next.Month, day);
    }

    /// <summary>The invoice's due date: the engine's, else the PSA's, else the terms' days, else the invoice date.</summary>
    public static LocalDate DueDate(PaymentScheduleRequest request)
    {
        var invoice = request.Invoice;
        return request.DueDate
            ?? invoice.DueDate
            ?? (invoice.Terms?.DueDays is int days ? invoice.InvoiceDate.PlusDays(days) : invoice.InvoiceDate);
    }

    private static LocalDate Clamp(int year, int month, int day) =>
        new(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)));
}
