namespace WiseSync.Pay;

/// <summary>The merchant's limits on automatic payments. With none saved, Wise-Pay is enabled with no limits.</summary>
public sealed record MerchantSettings
{
    /// <summary>Whether automatic payments are scheduled and charged at all. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The largest amount charged automatically; larger invoices are not queued.</summary>
    public decimal? MaximumTransactionAmount { get; init; }

    /// <summary>The most days past its due date an invoice may be charged; later ones are not queued.</summary>
    public int? MaximumOverdueDays { get; init; }

    /// <summary>No automatic payment is scheduled or charged after this date.</summary>
    public LocalDate? PaymentCutoffDate { get; init; }
}
