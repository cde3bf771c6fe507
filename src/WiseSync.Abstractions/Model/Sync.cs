using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace WiseSync;

/// <summary>What a sync run does.</summary>
public enum SyncAction
{
    /// <summary>Post invoices to accounting, then mark them synced in the PSA.</summary>
    PostToAccounting,

    /// <summary>Mark invoices synced in the PSA without posting ("do not post").</summary>
    MarkSyncedOnly,

    /// <summary>Read payment status from accounting and write paid dates back to the PSA.</summary>
    UpdatePaidDates,
}

/// <summary>The traffic light of one invoice.</summary>
public enum SyncStatus
{
    /// <summary>Green: done.</summary>
    Success,

    /// <summary>Amber: done, with something to look at (or not attempted).</summary>
    Warning,

    /// <summary>Red: not done.</summary>
    Error,
}

/// <summary>Whether an invoice was queued for automatic payment, and if not why.</summary>
public enum PaymentQueueStatus
{
    /// <summary>Scheduled for automatic payment.</summary>
    Queued,

    /// <summary>No scheduler, or the merchant is disabled, or a limit stopped it.</summary>
    Disabled,

    /// <summary>The invoice's terms are not auto-pay terms for the payer.</summary>
    NoTerms,

    /// <summary>No active payer with a payment method.</summary>
    NoPayer,
}

/// <summary>Which invoices a run or a pending list covers.</summary>
/// <param name="Action">What to do.</param>
/// <param name="ThruDate">Invoices dated up to and including this date.</param>
public sealed record SyncRequest(SyncAction Action, LocalDate ThruDate)
{
    /// <summary>Only invoices dated on or after this date.</summary>
    public LocalDate? FromDate { get; init; }

    /// <summary>Only these PSA invoice ids, when set.</summary>
    public IReadOnlyList<string>? InvoiceIds { get; init; }

    /// <summary>Only this division / line of business.</summary>
    public string? Division { get; init; }

    /// <summary>Include invoices already marked synced.</summary>
    public bool IncludeAlreadySynced { get; init; }

    /// <summary>Report what would happen and write nothing anywhere.</summary>
    public bool DryRun { get; init; }

    /// <summary>The query for the PSA source that this request implies.</summary>
    public PsaInvoiceQuery ToQuery() => new(ThruDate)
    {
        FromDate = FromDate,
        InvoiceIds = InvoiceIds,
        Division = Division,
        IncludeAlreadySynced = IncludeAlreadySynced,
    };
}

/// <summary>The PSA-side invoice filter.</summary>
/// <param name="ThruDate">Invoices dated up to and including this date.</param>
public sealed record PsaInvoiceQuery(LocalDate ThruDate)
{
    /// <summary>Only invoices dated on or after this date.</summary>
    public LocalDate? FromDate { get; init; }

    /// <summary>Only these invoice ids.</summary>
    public IReadOnlyList<string>? InvoiceIds { get; init; }

    /// <summary>Only this division / line of business.</summary>
    public string? Division { get; init; }

    /// <summary>Include invoices already marked synced.</summary>
    public bool IncludeAlreadySynced { get; init; }
}

/// <summary>Counts of a report.</summary>
/// <param name="Invoices">Invoices in the run.</param>
/// <param name="Success">Green.</param>
/// <param name="Warning">Amber.</param>
/// <param name="Error">Red.</param>
public sealed record SyncTotals(int Invoices, int Success, int Warning, int Error)
{
    /// <summary>Counts the lights of a set of results.</summary>
    public static SyncTotals From(IEnumerable<InvoiceSyncResult> results)
    {
        int total = 0, ok = 0, warn = 0, err = 0;
        foreach (var r in results)
        {
            total++;
            switch (r.Status)
            {
                case SyncStatus.Success: ok++; break;
                case SyncStatus.Warning: warn++; break;
                default: err++; break;
            }
        }

        return new SyncTotals(total, ok, warn, err);
    }
}

/// <summary>The outcome of one run.</summary>
/// <param name="BatchId">The ledger batch id.</param>
/// <param name="Action">What the run did.</param>
/// <param name="Connection">The connection name.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Invoices">One result per invoice.</param>
public sealed record SyncReport(
    string BatchId,
    SyncAction Action,
    string Connection,
    [property: JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))] Instant StartedAt,
    [property: JsonConverter(typeof(NodaTimeDefaultJsonConverterFactory))] Instant FinishedAt,
    IReadOnlyList<InvoiceSyncResult> Invoices)
{
    /// <summary>Counts of the traffic lights.</summary>
    public SyncTotals Totals => SyncTotals.From(Invoices);

    /// <summary>Whether this was a dry run.</summary>
    public bool DryRun { get; init; }

    /// <summary>Why the run stopped early (e.g. a vendor's daily limit), if it did.</summary>
    public string? StoppedReason { get; init; }
}

/// <summary>The traffic light and details of one invoice in a run.</summary>
/// <param name="PsaInvoiceId">The PSA invoice id.</param>
/// <param name="Number">The invoice number.</param>
/// <param name="Status">The traffic light.</param>
/// <param name="Messages">Errors and warnings, human readable.</param>
public sealed record InvoiceSyncResult(
    string PsaInvoiceId,
    string Number,
    SyncStatus Status,
    IReadOnlyList<string> Messages)
{
    /// <summary>The billed company's name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>The invoice total.</summary>
    public decimal? Total { get; init; }

    /// <summary>The accounting invoice id.</summary>
    public string? AccountingInvoiceId { get; init; }

    /// <summary>The accounting document number.</summary>
    public string? AccountingNumber { get; init; }

    // A report holds one result per invoice, and a Uri that has been printed keeps its parsed parts and a second copy of
    // its text (about 0.3 KB more than the text alone): at 100,000 invoices that is most of the report's memory.
    private readonly string? _accountingUrl;

    /// <summary>Link to the invoice in accounting.</summary>
    public Uri? AccountingUrl
    {
        get => _accountingUrl is null ? null : new Uri(_accountingUrl, UriKind.RelativeOrAbsolute);
        init => _accountingUrl = value?.OriginalString;
    }

    /// <summary>Payment queue outcome, null when the action does not schedule payments.</summary>
    public PaymentQueueStatus? Payment { get; init; }

    /// <summary>The scheduler's human message.</summary>
    public string? PaymentMessage { get; init; }

    /// <summary>For a dry run: what a post would do.</summary>
    public DryRunPlan? Plan { get; init; }
}

/// <summary>What a post would do with one invoice.</summary>
/// <param name="WouldCreate">True to create the accounting invoice, false to update the mapped one.</param>
/// <param name="CustomerName">The accounting customer it would use.</param>
/// <param name="CustomerWouldBeCreated">Whether that customer would be created.</param>
/// <param name="Contacts">The contacts it would set.</param>
/// <param name="Lines">The mapped lines.</param>
public sealed record DryRunPlan(
    bool WouldCreate,
    string CustomerName,
    bool CustomerWouldBeCreated,
    ContactSelection Contacts,
    IReadOnlyList<AccountingLine> Lines);

/// <summary>Progress of a run, for <see cref="IProgress{T}"/>.</summary>
/// <param name="Done">Invoices finished.</param>
/// <param name="Total">Invoices in the run.</param>
/// <param name="CurrentInvoice">The invoice number being worked on.</param>
public sealed record SyncProgress(int Done, int Total, string? CurrentInvoice);
