using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using WiseSync.Pipeline.Internal;
using WiseSync.Policies;

namespace WiseSync;

/// <summary>
/// Runs sync requests against one connection (a PSA tenant, an accounting tenant and an optional payment scheduler):
/// post to accounting, mark synced only, update paid dates, dry runs, batch deletion, history and customer mappings.
/// Every run holds the connection's lease in the ledger, so a second run of the same connection fails fast.
/// </summary>
public sealed partial class SyncPipeline
{
    private readonly IPsaSource _psa;
    private readonly IAccountingSink _sink;
    private readonly ISyncLedger _ledger;
    private readonly IClock _clock;
    private readonly WiseSyncOptions _options;
    private readonly IPaymentScheduler? _scheduler;
    private readonly ICustomerMatchResolver? _resolver;
    private readonly ILogger _logger;
    private readonly ContactEmailPolicy _contactPolicy;
    private readonly DueDatePolicy _dueDates;
    private readonly DocumentNumberPolicy _numbers;

    /// <summary>Creates the pipeline of one connection.</summary>
    /// <param name="connection">The connection name (the lease and the ledger rows are per connection).</param>
    /// <param name="psa">The PSA source.</param>
    /// <param name="sink">The accounting sink.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock for every stamp.</param>
    /// <param name="options">The connection's options (defaults when null).</param>
    /// <param name="scheduler">The payment scheduler, if any.</param>
    /// <param name="customerMatchResolver">Asked about companies without a mapping or match; without one they are created.</param>
    /// <param name="logger">The logger.</param>
    public SyncPipeline(
        string connection,
        IPsaSource psa,
        IAccountingSink sink,
        ISyncLedger ledger,
        IClock clock,
        WiseSyncOptions? options = null,
        IPaymentScheduler? scheduler = null,
        ICustomerMatchResolver? customerMatchResolver = null,
        ILogger<SyncPipeline>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        Connection = connection;
        _psa = psa ?? throw new ArgumentNullException(nameof(psa));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? new WiseSyncOptions();
        _scheduler = scheduler;
        _resolver = customerMatchResolver;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _contactPolicy = new ContactEmailPolicy(_options.ContactEmailHandling);
        _dueDates = new DueDatePolicy(_options.PaymentTerms, _options.DefaultNetDays);
        _numbers = new DocumentNumberPolicy(ledger, connection);
    }

    /// <summary>The connection name.</summary>
    public string Connection { get; }

    /// <summary>The invoices a request covers (not yet synced unless the request includes synced ones).</summary>
    public async Task<IReadOnlyList<PsaInvoice>> GetPendingAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ReadInvoicesAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a request. Per-invoice problems are results; configuration problems and a held lease are exceptions.</summary>
    /// <exception cref="SyncAlreadyRunningException">Another run of this connection holds the lease.</exception>
    public Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DryRun)
        {
            return DryRunAsync(request, progress, cancellationToken);
        }

        return request.Action switch
        {
            SyncAction.PostToAccounting => PostAsync(request, progress, cancellationToken),
            SyncAction.MarkSyncedOnly => MarkSyncedOnlyAsync(request, progress, cancellationToken),
            SyncAction.UpdatePaidDates => UpdatePaidDatesAsync(request, progress, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Action, "Unknown sync action."),
        };
    }

    /// <summary>The connection's batches, newest first.</summary>
    public Task<IReadOnlyList<LedgerBatch>> GetHistoryAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        _ledger.GetBatchesAsync(Connection, limit, cancellationToken);

    /// <summary>One batch of this connection with its entries, or null.</summary>
    public async Task<SyncBatchDetails?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var batch = await _ledger.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null || batch.Connection != Connection)
        {
            return null;
        }

        var entries = await _ledger.GetEntriesAsync(batchId, cancellationToken).ConfigureAwait(false);
        return new SyncBatchDetails(batch, entries);
    }

    /// <summary>Maps a PSA company to an existing accounting customer; the next post uses (and updates) that customer.</summary>
    public Task MapCustomerAsync(string psaCompanyId, string accountingCustomerId, string? accountingCustomerName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(psaCompanyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountingCustomerId);
        return _ledger.SaveCustomerMappingAsync(
            new CustomerMapping(Connection, psaCompanyId, accountingCustomerId, _clock.GetCurrentInstant())
            {
                AccountingCustomerName = accountingCustomerName,
                IsManual = true,
            },
            cancellationToken);
    }

    /// <summary>Clears a PSA company's customer mapping; the next post matches (or creates) the customer again. False when there was none.</summary>
    public Task<bool> UnmapCustomerAsync(string psaCompanyId, CancellationToken cancellationToken = default) =>
        _ledger.DeleteCustomerMappingAsync(Connection, psaCompanyId, cancellationToken);

    private async Task<List<PsaInvoice>> ReadInvoicesAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var invoices = new List<PsaInvoice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var invoice in _psa.GetInvoicesAsync(request.ToQuery(), cancellationToken).ConfigureAwait(false))
        {
            if (IsInRun(invoice, request, seen))
            {
                invoices.Add(invoice);
            }
        }

        return invoices;
    }

    /// <summary>Guards against a source that ignores part of the query, and against pages that repeat an invoice.</summary>
    private static bool IsInRun(PsaInvoice invoice, SyncRequest request, HashSet<string> seen)
    {
        if (!request.IncludeAlreadySynced && invoice.SyncedMark is not null)
        {
            return false;
        }

        if (request.InvoiceIds is { Count: > 0 } ids && !ids.Contains(invoice.Id))
        {
            return false;
        }

        return seen.Add(invoice.Id);
    }

    private async Task<SyncLease> AcquireLeaseAsync(CancellationToken cancellationToken)
    {
        var holder = LeaseHolder.ForThisProcess();
        return await _ledger.AcquireLeaseAsync(Connection, holder, LeaseDuration, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseLeaseAsync(SyncLease lease)
    {
        // Released even when the run was cancelled: a lease left behind would block the next run until it expires.
        await _ledger.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
    }

    private Duration LeaseDuration => Duration.FromTimeSpan(_options.LeaseDuration);

    private static string NewBatchId(Instant startedAt) => Guid.CreateVersion7(startedAt.ToDateTimeOffset()).ToString("N");

    /// <summary>The run's chunk sizes, read from the vendors' capabilities when a run starts.</summary>
    private ChunkSizes Sizes => new(_sink.Capabilities, _psa.Capabilities, _options);

    /// <summary>
    /// Whether a caught exception is a failure of the step (a red light, a stop) rather than the run's end: not a cancellation
    /// the caller asked for, and not the ledger failing — without the durable record nothing can be recorded, so that ends
    /// the run (the next run reconciles whatever was in flight).
    /// </summary>
    private static bool IsFailure(Exception exception, CancellationToken cancellationToken) =>
        (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && !IsLedgerFault(exception);

    private static bool IsLedgerFault(Exception exception) =>
        exception is LedgerException or Microsoft.Data.Sqlite.SqliteException || (exception.InnerException is { } inner && IsLedgerFault(inner));

    private static void Report(IProgress<SyncProgress>? progress, int done, int total, string? current) =>
        progress?.Report(new SyncProgress(done, total, current));
}
