using System.ComponentModel.DataAnnotations;

namespace WiseSync;

/// <summary>The options of one WiseSync connection (bound by name: the connection name).</summary>
public sealed class WiseSyncOptions
{
    /// <summary>What to do with accounting customers' contacts. Default: <see cref="WiseSync.ContactEmailHandling.PrimaryAndRecipients"/>.</summary>
    public ContactEmailHandling ContactEmailHandling { get; set; } = ContactEmailHandling.PrimaryAndRecipients;

    /// <summary>Item, account, tax and tracking maps, non-billable exclusion and the rounding tolerance.</summary>
    public LineMappingOptions Lines { get; set; } = new();

    /// <summary>Terms cross-reference: PSA terms name (or id) → rule, compared case-insensitively, used when the PSA gives no due date.</summary>
    public Dictionary<string, PaymentTermsRule> PaymentTerms { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Net days for invoices whose terms are unknown; null leaves the due date empty with a warning. Default: null.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "DefaultNetDays must be zero or more.")]
    public int? DefaultNetDays { get; set; }

    /// <summary>How long a run's lease lasts without renewal (renewed after every chunk). Default: 15 minutes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many invoices one payment-status call asks about. Default: 100.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "PaymentStatusBatchSize must be at least 1.")]
    public int PaymentStatusBatchSize { get; set; } = 100;

    /// <summary>
    /// In how many runs the PSA may refuse a write for one invoice that is already in accounting (its synced mark, its paid
    /// date) before the invoice is reported as an orphan — red, naming the accounting and PSA ids, for a person to resolve —
    /// and no longer retried. Default: 3.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "OrphanAfterFailedRuns must be at least 1.")]
    public int OrphanAfterFailedRuns { get; set; } = 3;
}
