using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace WiseSync;

/// <summary>One run recorded in the ledger.</summary>
/// <param name="Id">The batch id (also the <see cref="SyncReport.BatchId"/>).</param>
/// <param name="Connection">The connection name.</param>
/// <param name="Action">What the run did.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record LedgerBatch(string Id, string Connection, SyncAction Action, [property: JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))] Instant StartedAt)
{
    /// <summary>When the run finished; null while it runs or when it was interrupted.</summary>
    [JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))]
    public Instant? FinishedAt { get; init; }

    /// <summary>The traffic-light counts, set when the run finished.</summary>
    public SyncTotals Totals { get; init; } = new(0, 0, 0, 0);

    /// <summary>Why the run stopped early, if it did.</summary>
    public string? StoppedReason { get; init; }

    /// <summary>
    /// When a deletion of this batch began; null when none did. A batch whose deletion was interrupted keeps this stamp
    /// (and the entries not yet deleted), so deleting it again finishes the job.
    /// </summary>
    [JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))]
    public Instant? DeletingAt { get; init; }
}

/// <summary>What happened to one invoice in one batch.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="PsaInvoiceId">The PSA invoice id.</param>
/// <param name="Number">The PSA invoice number.</param>
/// <param name="Status">The traffic light.</param>
/// <param name="Messages">Errors and warnings.</param>
/// <param name="RecordedAt">When the entry was written.</param>
public sealed record LedgerEntry(
    string BatchId,
    string PsaInvoiceId,
    string Number,
    SyncStatus Status,
    IReadOnlyList<string> Messages,
    Instant RecordedAt)
{
    /// <summary>The billed company's name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>The invoice total.</summary>
    public decimal? Total { get; init; }

    /// <summary>Whether the PSA synced mark was written for this entry (so deleting it must clear the mark).</summary>
    public bool PsaMarked { get; init; }

    /// <summary>The accounting invoice id.</summary>
    public string? AccountingInvoiceId { get; init; }

    /// <summary>The accounting document number.</summary>
    public string? AccountingNumber { get; init; }

    /// <summary>Link to the invoice in accounting.</summary>
    public Uri? AccountingUrl { get; init; }

    /// <summary>Payment queue outcome.</summary>
    public PaymentQueueStatus? Payment { get; init; }

    /// <summary>The scheduler's message.</summary>
    public string? PaymentMessage { get; init; }
}

/// <summary>A PSA invoice and the accounting document it was posted as. Kept when entries or batches are deleted.</summary>
/// <param name="Connection">The connection name.</param>
/// <param name="PsaInvoiceId">The PSA invoice id.</param>
/// <param name="PsaNumber">The PSA invoice number.</param>
/// <param name="AccountingInvoiceId">The accounting id.</param>
/// <param name="AccountingNumber">The accounting document number.</param>
/// <param name="Kind">Invoice or credit note.</param>
/// <param name="UpdatedAt">When the mapping was last written.</param>
public sealed record InvoiceMapping(
    string Connection,
    string PsaInvoiceId,
    string PsaNumber,
    string AccountingInvoiceId,
    string AccountingNumber,
    DocumentKind Kind,
    Instant UpdatedAt)
{
    /// <summary>The accounting customer id the invoice was posted to.</summary>
    public string? AccountingCustomerId { get; init; }

    /// <summary>The invoice total as posted.</summary>
    public decimal? Total { get; init; }

    /// <summary>The date the invoice was fully paid, once known.</summary>
    public LocalDate? PaidDate { get; init; }
}

/// <summary>A PSA company and its accounting customer. Kept when entries or batches are deleted.</summary>
/// <param name="Connection">The connection name.</param>
/// <param name="PsaCompanyId">The PSA company id.</param>
/// <param name="AccountingCustomerId">The accounting customer id.</param>
/// <param name="UpdatedAt">When the mapping was last written.</param>
public sealed record CustomerMapping(string Connection, string PsaCompanyId, string AccountingCustomerId, Instant UpdatedAt)
{
    /// <summary>The accounting customer's name, when known.</summary>
    public string? AccountingCustomerName { get; init; }

    /// <summary>True when a person set the mapping (e.g. a "map to existing customer" screen).</summary>
    public bool IsManual { get; init; }
}

/// <summary>A PSA write the engine drives for an invoice that is already in accounting.</summary>
public enum PsaWriteKind
{
    /// <summary>The synced mark of a posted invoice.</summary>
    SyncedMark,

    /// <summary>The paid date of an invoice paid in accounting.</summary>
    PaidDate,
}

/// <summary>
/// A PSA write that the PSA refused for one invoice in one or more runs. After <c>WiseSyncOptions.OrphanAfterFailedRuns</c>
/// runs it becomes an orphan: no longer retried, reported for a person to resolve, until they dismiss it.
/// </summary>
/// <param name="Connection">The connection name.</param>
/// <param name="PsaInvoiceId">The PSA invoice id.</param>
/// <param name="Kind">Which write.</param>
/// <param name="FailedRuns">In how many runs the PSA refused it.</param>
/// <param name="LastError">The PSA's last reason.</param>
/// <param name="UpdatedAt">When it last failed.</param>
public sealed record FailedPsaWrite(string Connection, string PsaInvoiceId, PsaWriteKind Kind, int FailedRuns, string LastError, Instant UpdatedAt)
{
    /// <summary>The PSA invoice number.</summary>
    public string? PsaNumber { get; init; }

    /// <summary>The accounting document the invoice is posted as.</summary>
    public string? AccountingInvoiceId { get; init; }

    /// <summary>The accounting document number.</summary>
    public string? AccountingNumber { get; init; }

    /// <summary>When it became an orphan; null while it is still retried.</summary>
    public Instant? OrphanedAt { get; init; }

    /// <summary>True once it is no longer retried.</summary>
    public bool IsOrphan => OrphanedAt is not null;
}

/// <summary>Where an in-flight write stands.</summary>
public enum IntentState
{
    /// <summary>Written to the ledger before the accounting write; the write may or may not have happened.</summary>
    Pending,

    /// <summary>The accounting system holds the document; the PSA mark is still to be written.</summary>
    Written,
}

/// <summary>A write in flight, recorded before the accounting call so a crashed run can be reconciled.</summary>
/// <param name="Connection">The connection name.</param>
/// <param name="PsaInvoiceId">The PSA invoice id.</param>
/// <param name="BatchId">The batch that started the write.</param>
/// <param name="DocumentNumber">The accounting document number sent (after shortening).</param>
/// <param name="Kind">Invoice or credit note.</param>
/// <param name="IdempotencyKey">The idempotency key sent with the write.</param>
/// <param name="PayloadHash">A hash of the draft's content.</param>
/// <param name="State">Where the write stands.</param>
/// <param name="UpdatedAt">When the intent was last written.</param>
public sealed record SyncIntent(
    string Connection,
    string PsaInvoiceId,
    string BatchId,
    string DocumentNumber,
    DocumentKind Kind,
    string IdempotencyKey,
    string PayloadHash,
    IntentState State,
    Instant UpdatedAt)
{
    /// <summary>The PSA invoice number.</summary>
    public string? PsaNumber { get; init; }

    /// <summary>The accounting id: the mapped id for an update, or the id written once <see cref="State"/> is <see cref="IntentState.Written"/>.</summary>
    public string? AccountingInvoiceId { get; init; }

    /// <summary>True when the write updates an invoice the ledger already mapped.</summary>
    public bool IsUpdate { get; init; }
}

/// <summary>The right to run one connection until <see cref="ExpiresAt"/>.</summary>
/// <param name="Connection">The connection name.</param>
/// <param name="Holder">Who holds it (machine, process, run).</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record SyncLease(string Connection, string Holder, Instant ExpiresAt);

/// <summary>A PSA document number shortened to fit the accounting system.</summary>
/// <param name="Connection">The connection name.</param>
/// <param name="OriginalNumber">The PSA number.</param>
/// <param name="ShortNumber">The number used in accounting.</param>
public sealed record DocumentNumberMapping(string Connection, string OriginalNumber, string ShortNumber);
