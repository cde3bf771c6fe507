using WiseSync.Ledger.Sqlite;
using WiseSync.Ledger.Tables;

namespace WiseSync;

/// <summary>
/// The <see cref="ISyncLedger"/> on one SQLite file: WAL mode, busy timeout, numbered migrations applied on open.
/// Safe to use from several instances and processes on the same file: every write is a short <c>BEGIN IMMEDIATE</c> transaction.
/// A file that is read-only, locked, damaged or full throws <see cref="LedgerException"/>, whose message names the file and the remedy.
/// </summary>
public sealed class SqliteSyncLedger : ISyncLedger
{
    private readonly SqliteDatabase _database;
    private readonly LedgerTables _tables;

    /// <summary>Creates a ledger on the file named by <paramref name="options"/>.</summary>
    public SqliteSyncLedger(SqliteLedgerOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _database = LedgerDatabase.Create(options, clock);
        _tables = SqliteLedgerTables.Create(_database, clock);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _database.DatabasePath;

    /// <summary>
    /// Opens the file (applying migrations) and takes and releases its write lock, so a ledger that is read-only, locked by
    /// another program, damaged or unreachable is reported before a run starts any vendor work.
    /// </summary>
    /// <exception cref="LedgerException">The ledger cannot be written.</exception>
    public Task CheckWritableAsync(CancellationToken cancellationToken = default) => Guard(() => _tables.Leases.CheckWritableAsync(cancellationToken));

    /// <inheritdoc />
    public Task<SyncLease> AcquireLeaseAsync(string connection, string holder, Duration duration, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Leases.AcquireLeaseAsync(connection, holder, duration, cancellationToken));

    /// <inheritdoc />
    public Task<SyncLease> RenewLeaseAsync(SyncLease lease, Duration duration, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Leases.RenewLeaseAsync(lease, duration, cancellationToken));

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Leases.ReleaseLeaseAsync(lease, cancellationToken));

    /// <inheritdoc />
    public Task CreateBatchAsync(LedgerBatch batch, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Batches.CreateBatchAsync(batch, cancellationToken));

    /// <inheritdoc />
    public Task FinishBatchAsync(string batchId, Instant finishedAt, SyncTotals totals, string? stoppedReason, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Batches.FinishBatchAsync(batchId, finishedAt, totals, stoppedReason, cancellationToken));

    /// <inheritdoc />
    public Task<LedgerBatch?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Batches.GetBatchAsync(batchId, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerBatch>> GetBatchesAsync(string connection, int limit, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Batches.GetBatchesAsync(connection, limit, cancellationToken));

    /// <inheritdoc />
    public Task DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Batches.DeleteBatchAsync(batchId, cancellationToken));

    /// <inheritdoc />
    public Task MarkBatchDeletingAsync(string batchId, Instant deletingAt, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Batches.MarkBatchDeletingAsync(batchId, deletingAt, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetLaterMarksAsync(string connection, string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Batches.GetLaterMarksAsync(connection, batchId, psaInvoiceIds, cancellationToken));

    /// <inheritdoc />
    public Task SaveEntryAsync(LedgerEntry entry, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Entries.SaveEntryAsync(entry, cancellationToken));

    /// <inheritdoc />
    public Task SaveEntriesAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Entries.SaveEntriesAsync(entries, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(string batchId, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Entries.GetEntriesAsync(batchId, cancellationToken));

    /// <inheritdoc />
    public Task<bool> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Entries.DeleteEntryAsync(batchId, psaInvoiceId, cancellationToken));

    /// <inheritdoc />
    public Task DeleteEntriesAsync(string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Entries.DeleteEntriesAsync(batchId, psaInvoiceIds, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, InvoiceMapping>> GetInvoiceMappingsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.InvoiceMappings.GetInvoiceMappingsAsync(connection, psaInvoiceIds, cancellationToken));

    /// <inheritdoc />
    public Task SaveInvoiceMappingAsync(InvoiceMapping mapping, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.InvoiceMappings.SaveInvoiceMappingAsync(mapping, cancellationToken));

    /// <inheritdoc />
    public Task SaveWrittenAsync(IReadOnlyList<InvoiceMapping> mappings, IReadOnlyList<SyncIntent> writtenIntents, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.InvoiceMappings.SaveWrittenAsync(mappings, writtenIntents, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<InvoiceMapping>> GetUnpaidInvoiceMappingsAsync(string connection, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.InvoiceMappings.GetUnpaidInvoiceMappingsAsync(connection, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, CustomerMapping>> GetCustomerMappingsAsync(string connection, IReadOnlyCollection<string> psaCompanyIds, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.CustomerMappings.GetCustomerMappingsAsync(connection, psaCompanyIds, cancellationToken));

    /// <inheritdoc />
    public Task SaveCustomerMappingAsync(CustomerMapping mapping, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.CustomerMappings.SaveCustomerMappingAsync(mapping, cancellationToken));

    /// <inheritdoc />
    public Task<bool> DeleteCustomerMappingAsync(string connection, string psaCompanyId, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.CustomerMappings.DeleteCustomerMappingAsync(connection, psaCompanyId, cancellationToken));

    /// <inheritdoc />
    public Task SaveIntentAsync(SyncIntent intent, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Intents.SaveIntentAsync(intent, cancellationToken));

    /// <inheritdoc />
    public Task SaveIntentsAsync(IReadOnlyList<SyncIntent> intents, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Intents.SaveIntentsAsync(intents, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncIntent>> GetIntentsAsync(string connection, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Intents.GetIntentsAsync(connection, cancellationToken));

    /// <inheritdoc />
    public Task DeleteIntentAsync(string connection, string psaInvoiceId, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Intents.DeleteIntentAsync(connection, psaInvoiceId, cancellationToken));

    /// <inheritdoc />
    public Task DeleteIntentsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Intents.DeleteIntentsAsync(connection, psaInvoiceIds, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<FailedPsaWrite>> GetFailedPsaWritesAsync(string connection, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.FailedPsaWrites.GetFailedPsaWritesAsync(connection, cancellationToken));

    /// <inheritdoc />
    public Task SaveFailedPsaWritesAsync(IReadOnlyList<FailedPsaWrite> failures, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.FailedPsaWrites.SaveFailedPsaWritesAsync(failures, cancellationToken));

    /// <inheritdoc />
    public Task DeleteFailedPsaWritesAsync(string connection, PsaWriteKind kind, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.FailedPsaWrites.DeleteFailedPsaWritesAsync(connection, kind, psaInvoiceIds, cancellationToken));

    /// <inheritdoc />
    public Task<string?> GetWatermarkAsync(string key, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Watermarks.GetWatermarkAsync(key, cancellationToken));

    /// <inheritdoc />
    public Task SetWatermarkAsync(string key, string value, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.Watermarks.SetWatermarkAsync(key, value, cancellationToken));

    /// <inheritdoc />
    public Task<DocumentNumberMapping?> GetDocumentNumberAsync(string connection, string originalNumber, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.DocumentNumbers.GetDocumentNumberAsync(connection, originalNumber, cancellationToken));

    /// <inheritdoc />
    public Task<DocumentNumberMapping> TrySaveDocumentNumberAsync(DocumentNumberMapping mapping, CancellationToken cancellationToken = default) =>
        Guard(() => _tables.DocumentNumbers.TrySaveDocumentNumberAsync(mapping, cancellationToken));

    internal Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => Guard(() => _database.OpenAsync(cancellationToken));

    private Task Guard(Func<Task> operation) => Guard(async () =>
    {
        await operation().ConfigureAwait(false);
        return true;
    });

    /// <summary>Turns SQLite's failures into <see cref="LedgerException"/>s that name the file and the remedy.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not LedgerException && LedgerException.From(ex, DatabasePath, _database.BusyTimeout) is { } problem)
        {
            throw problem;
        }
    }
}
