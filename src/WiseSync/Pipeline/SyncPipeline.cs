using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WiseSync.Pipeline.Actions;
using WiseSync.Pipeline.Internal;

namespace WiseSync;

/// <summary>
/// Runs sync requests against one connection (a PSA tenant, an accounting tenant and an optional payment scheduler):
/// post to accounting, mark synced only, update paid dates, dry runs, batch deletion, history and customer mappings.
/// Every run holds the connection's lease in the ledger, so a second run of the same connection fails fast.
/// </summary>
/// <remarks>
/// A thin front: each action is a class of its own (<c>Pipeline/Actions</c>), and a post's steps follow one invoice from
/// the PSA page to the PSA mark in the order of <c>Pipeline/Steps</c> (read window → prepare invoices → record intent →
/// prepare customers → write chunk → record ref → mark PSA → schedule payments).
/// </remarks>
public sealed class SyncPipeline
{
    private readonly PipelineServices _services;
    private readonly PostSteps _steps;
    private readonly PostAction _post;
    private readonly MarkSyncedOnlyAction _markSyncedOnly;
    private readonly UpdatePaidDatesAction _updatePaidDates;
    private readonly DryRunAction _dryRun;
    private readonly DeleteAction _delete;
    private readonly RebuildAction _rebuild;

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
        _services = new PipelineServices(
            connection,
            psa ?? throw new ArgumentNullException(nameof(psa)),
            sink ?? throw new ArgumentNullException(nameof(sink)),
            ledger ?? throw new ArgumentNullException(nameof(ledger)),
            clock ?? throw new ArgumentNullException(nameof(clock)),
            options ?? new WiseSyncOptions(),
            scheduler,
            customerMatchResolver,
            (ILogger?)logger ?? NullLogger.Instance);
        _steps = new PostSteps(_services);
        _post = new PostAction(_services, _steps, new RecoveryAction(_services, _steps.MarkPsa));
        _markSyncedOnly = new MarkSyncedOnlyAction(_services, _steps);
        _updatePaidDates = new UpdatePaidDatesAction(_services);
        _dryRun = new DryRunAction(_services, _steps);
        _delete = new DeleteAction(_services);
        _rebuild = new RebuildAction(_services, _steps.Read);
    }

    /// <summary>The connection name.</summary>
    public string Connection { get; }

    private ISyncLedger Ledger => _services.Ledger;

    /// <summary>The invoices a request covers (not yet synced unless the request includes synced ones).</summary>
    public async Task<IReadOnlyList<PsaInvoice>> GetPendingAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await _steps.Read.ReadAllAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a request. Per-invoice problems are results; configuration problems and a held lease are exceptions.</summary>
    /// <exception cref="SyncAlreadyRunningException">Another run of this connection holds the lease.</exception>
    public Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DryRun)
        {
            return _dryRun.RunAsync(request, progress, cancellationToken);
        }

        return request.Action switch
        {
            SyncAction.PostToAccounting => _post.RunAsync(request, progress, cancellationToken),
            SyncAction.MarkSyncedOnly => _markSyncedOnly.RunAsync(request, progress, cancellationToken),
            SyncAction.UpdatePaidDates => _updatePaidDates.RunAsync(request, progress, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Action, "Unknown sync action."),
        };
    }

    /// <summary>
    /// Deletes a batch: clears the PSA synced marks it still owns, cancels their scheduled payments and removes the entries, but
    /// keeps the PSA→accounting invoice and customer mappings, so the next post updates the same accounting invoices.
    /// The batch is stamped "deleting" first and its entries go chunk by chunk as their marks are cleared, so an interrupted
    /// deletion shows in the history and a repeat finishes it. A mark that a later batch wrote (the invoice was posted or
    /// marked again since) belongs to that batch and is kept. Entries whose mark could not be cleared stay (and so does the batch).
    /// </summary>
    public Task<DeleteBatchResult> DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default) =>
        _delete.RunAsync(batchId, null, cancellationToken);

    /// <summary>Deletes one invoice's entry of a batch, as <see cref="DeleteBatchAsync"/> does for all of them.</summary>
    public Task<DeleteBatchResult> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(psaInvoiceId);
        return _delete.RunAsync(batchId, psaInvoiceId, cancellationToken);
    }

    /// <summary>
    /// Rebuilds the invoice and customer mappings of a lost or damaged ledger, into a new (empty) one, from what the vendors
    /// hold: every PSA invoice up to <paramref name="thruDate"/>, synced or not, is looked up by its accounting number.
    /// A document with the invoice's number, kind and total is mapped to it — that is the only proof the neutral contracts
    /// give, so a document with another total is left alone (it may be someone else's) and reported. Mapped invoices that the
    /// PSA marks synced get an entry (marked) in one batch, so payments and delete-batch work as before; mapped ones without the
    /// mark are updated and marked by the next post instead of being created again. Companies get the customer the accounting
    /// system finds for them (by account number, then name); manual mappings already in the ledger are kept.
    /// </summary>
    /// <exception cref="SyncAlreadyRunningException">Another run of this connection holds the lease.</exception>
    public Task<LedgerRebuildResult> RebuildLedgerAsync(LocalDate thruDate, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _rebuild.RunAsync(thruDate, progress, cancellationToken);

    /// <summary>The connection's batches, newest first.</summary>
    public Task<IReadOnlyList<LedgerBatch>> GetHistoryAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        Ledger.GetBatchesAsync(Connection, limit, cancellationToken);

    /// <summary>One batch of this connection with its entries, or null.</summary>
    public async Task<SyncBatchDetails?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var batch = await Ledger.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null || batch.Connection != Connection)
        {
            return null;
        }

        var entries = await Ledger.GetEntriesAsync(batchId, cancellationToken).ConfigureAwait(false);
        return new SyncBatchDetails(batch, entries);
    }

    /// <summary>Maps a PSA company to an existing accounting customer; the next post uses (and updates) that customer.</summary>
    public Task MapCustomerAsync(string psaCompanyId, string accountingCustomerId, string? accountingCustomerName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(psaCompanyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountingCustomerId);
        return Ledger.SaveCustomerMappingAsync(
            new CustomerMapping(Connection, psaCompanyId, accountingCustomerId, _services.Now)
            {
                AccountingCustomerName = accountingCustomerName,
                IsManual = true,
            },
            cancellationToken);
    }

    /// <summary>Clears a PSA company's customer mapping; the next post matches (or creates) the customer again. False when there was none.</summary>
    public Task<bool> UnmapCustomerAsync(string psaCompanyId, CancellationToken cancellationToken = default) =>
        Ledger.DeleteCustomerMappingAsync(Connection, psaCompanyId, cancellationToken);

    /// <summary>
    /// The connection's orphans: invoices in accounting whose PSA write (synced mark, paid date) the PSA refused in
    /// <see cref="WiseSyncOptions.OrphanAfterFailedRuns"/> runs. They are no longer retried; a person resolves each by hand
    /// and then dismisses it with <see cref="DismissOrphanAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<FailedPsaWrite>> GetOrphansAsync(CancellationToken cancellationToken = default) =>
        (await Ledger.GetFailedPsaWritesAsync(Connection, cancellationToken).ConfigureAwait(false)).Where(f => f.IsOrphan).ToList();

    /// <summary>
    /// Forgets the orphans of one PSA invoice once a person has resolved them: the next run treats the invoice like any other
    /// (a post updates the mapped accounting invoice and writes the mark, if the PSA still lists it). False when it had none.
    /// </summary>
    /// <exception cref="SyncAlreadyRunningException">A run of this connection holds the lease.</exception>
    public async Task<bool> DismissOrphanAsync(string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(psaInvoiceId);
        return await LeasedRun.RunAsync(_services, action: null, progress: null, async _ =>
        {
            var orphans = (await GetOrphansAsync(cancellationToken).ConfigureAwait(false)).Where(o => o.PsaInvoiceId == psaInvoiceId).ToList();
            foreach (var orphan in orphans)
            {
                await Ledger.DeleteFailedPsaWritesAsync(Connection, orphan.Kind, [psaInvoiceId], cancellationToken).ConfigureAwait(false);
            }

            return orphans.Count > 0;
        }, cancellationToken).ConfigureAwait(false);
    }
}
