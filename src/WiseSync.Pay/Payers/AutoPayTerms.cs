namespace WiseSync.Pay;

/// <summary>One billing term a payer pays automatically, and when.</summary>
public sealed record AutoPayTerms
{
    /// <summary>Creates the rule.</summary>
    /// <param name="terms">The PSA billing terms' name or id ("Net 30", "7"); matched to either, ignoring case.</param>
    /// <param name="timing">When to charge.</param>
    /// <param name="value">Days after the invoice date (0–365) or the day of the month (1–31); ignored for <see cref="AutoPayTiming.OnDueDate"/>.</param>
    /// <exception cref="ArgumentException">The terms are blank or the value is out of range.</exception>
    public AutoPayTerms(string terms, AutoPayTiming timing, int value = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terms);
        switch (timing)
        {
            case AutoPayTiming.OnDueDate:
                value = 0;
                break;
            case AutoPayTiming.DaysAfterInvoiceDate:
                ArgumentOutOfRangeException.ThrowIfNegative(value);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 365);
                break;
            case AutoPayTiming.DayOfMonth:
                ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 31);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(timing), timing, "Unknown auto-pay timing.");
        }

        Terms = terms.Trim();
        Timing = timing;
        Value = value;
    }

    /// <summary>The PSA billing terms' name or id.</summary>
    public string Terms { get; }

    /// <summary>When to charge.</summary>
    public AutoPayTiming Timing { get; }

    /// <summary>Days after the invoice date, or the day of the month; 0 for on the due date.</summary>
    public int Value { get; }

    /// <summary>Charge on the due date.</summary>
    public static AutoPayTerms OnDueDate(string terms) => new(terms, AutoPayTiming.OnDueDate);

    /// <summary>Charge <paramref name="days"/> days after the invoice date.</summary>
    public static AutoPayTerms DaysAfterInvoiceDate(string terms, int days) => new(terms, AutoPayTiming.DaysAfterInvoiceDate, days);

    /// <summary>Charge on day <paramref name="day"/> of the month (the last day when the month is shorter).</summary>
    public static AutoPayTerms DayOfMonth(string terms, int day) => new(terms, AutoPayTiming.DayOfMonth, day);

    /// <summary>Whether these are the invoice's terms (by id or name, ignoring case and surrounding spaces).</summary>
    public bool Matches(PaymentTermsRef? invoiceTerms) =>
        invoiceTerms is not null
        && (string.Equals(Terms, invoiceTerms.Id?.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(Terms, invoiceTerms.Name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A short description: <c>Net 30: on the due date</c>.</summary>
    public override string ToString() => Timing switch
    {
        AutoPayTiming.OnDueDate => $"{Terms}: on the due date",
        AutoPayTiming.DaysAfterInvoiceDate => $"{Terms}: {Value} days after the invoice date",
        _ => $"{Terms}: on day {Value} of the month",
    };
}
