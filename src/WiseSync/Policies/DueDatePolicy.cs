namespace WiseSync.Policies;

/// <summary>The due date of an invoice and, when it could not be computed, why.</summary>
internal sealed record DueDateResult(LocalDate? DueDate, string? Warning);

/// <summary>
/// The PSA's due date when it states one; otherwise the terms cross-reference (net N days, or N days after the end of
/// the invoice's month), then the PSA terms' own day count, then the default net days; with none of these, the invoice
/// date, with a warning. A stated date of 0001-01-01 is a PSA's empty date, not a due date.
/// </summary>
internal sealed class DueDatePolicy(IReadOnlyDictionary<string, PaymentTermsRule> terms, int? defaultNetDays)
{
    public DueDateResult Compute(PsaInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.DueDate is { } stated && stated.Year > 1)
        {
            return new DueDateResult(stated, null);
        }

        if (invoice.Terms is { } t && (Find(t.Name) ?? Find(t.Id)) is { } rule)
        {
            return Checked(invoice, rule.Days, () => Apply(invoice.InvoiceDate, rule.Kind, rule.Days));
        }

        if (invoice.Terms?.DueDays is { } days)
        {
            return Checked(invoice, days, () => invoice.InvoiceDate.PlusDays(days));
        }

        if (defaultNetDays is { } net)
        {
            return Checked(invoice, net, () => invoice.InvoiceDate.PlusDays(net));
        }

        var why = invoice.Terms is null
            ? "the invoice has no due date and no payment terms"
            : $"the invoice has no due date and its terms '{invoice.Terms.Name}' are not in the PaymentTerms cross-reference";
        return new DueDateResult(invoice.InvoiceDate, $"Due on the invoice date: {why}.");
    }

    public static LocalDate Apply(LocalDate invoiceDate, PaymentTermsKind kind, int days) => kind switch
    {
        PaymentTermsKind.DaysAfterEndOfMonth => invoiceDate.With(DateAdjusters.EndOfMonth).PlusDays(days),
        _ => invoiceDate.PlusDays(days),
    };

    /// <summary>A date past the calendar's ends (year 9999 plus terms, or absurd day counts) is a warning, not a crash of the run.</summary>
    private static DueDateResult Checked(PsaInvoice invoice, int days, Func<LocalDate> compute)
    {
        try
        {
            return new DueDateResult(compute(), null);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            return new DueDateResult(null, $"No due date: {invoice.InvoiceDate:uuuu-MM-dd} plus {days} days is outside the calendar.");
        }
    }

    private PaymentTermsRule? Find(string? key) =>
        key is not null && terms.TryGetValue(key.Trim(), out var rule) ? rule : null;
}
