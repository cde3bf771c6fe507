namespace WiseSync.Pay;

/// <summary>When an auto-pay invoice is charged.</summary>
public enum AutoPayTiming
{
    /// <summary>On the invoice's due date.</summary>
    OnDueDate,

    /// <summary>A number of days after the invoice date (0 = on the invoice date).</summary>
    DaysAfterInvoiceDate,

    /// <summary>On a fixed day of the month, the first one on or after the invoice date; day 31 in a shorter month is its last day.</summary>
    DayOfMonth,
}
