using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using WiseSync.Ledger.Sqlite;
using static WiseSync.Ledger.Sqlite.SqliteCommands;

namespace WiseSync.Ledger.Internal;

/// <summary>
/// The SQL of the <see cref="ISyncLedger"/> on one SQLite file. <see cref="SqliteSyncLedger"/> puts it behind the public
/// surface and turns SQLite's failures into <see cref="LedgerException"/>s that name the file and the remedy.
/// </summary>
internal sealed class SqliteLedgerStore : ISyncLedger
{
    private const int MaxParametersPerQuery = 500;
    private readonly SqliteDatabase _database;
    private readonly IClock _clock;

    public SqliteLedgerStore(SqliteDatabase database, IClock clock)
    {
        _database = database;
        _clock = clock;
    }

    public string DatabasePath => _database.DatabasePath;

    public TimeSpan BusyTimeout => _database.BusyTimeout;

    /// <inheritdoc />
    public async Task<SyncLease> AcquireLeaseAsync(string connection, string holder, Duration duration, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = _clock.GetCurrentInstant();
        await using (var read = Command(db, tx, "SELECT holder, expires_at FROM leases WHERE connection = $c;", ("$c", connection)))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var currentHolder = reader.GetString(0);
                var expires = Instant.FromUnixTimeTicks(reader.GetInt64(1));
                if (expires > now && currentHolder != holder && !WiseSync.Pipeline.Internal.LeaseHolder.IsDeadLocalProcess(currentHolder))
                {
                    throw new SyncAlreadyRunningException(connection, $"held by {currentHolder} until {InstantPattern.General.Format(expires)}");
                }
            }
        }

        var lease = new SyncLease(connection, holder, now + duration);
        await ExecuteAsync(db, tx, """
            INSERT INTO leases (connection, holder, expires_at) VALUES ($c, $h, $e)
            ON CONFLICT (connection) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at;
            """, cancellationToken, ("$c", connection), ("$h", holder), ("$e", lease.ExpiresAt.ToUnixTimeTicks())).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return lease;
    }

    /// <inheritdoc />
    public async Task<SyncLease> RenewLeaseAsync(SyncLease lease, Duration duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var renewed = lease with { ExpiresAt = _clock.GetCurrentInstant() + duration };
        var rows = await ExecuteAsync(db, null, "UPDATE leases SET expires_at = $e WHERE connection = $c AND holder = $h;", cancellationToken,
            ("$c", lease.Connection), ("$h", lease.Holder), ("$e", renewed.ExpiresAt.ToUnixTimeTicks())).ConfigureAwait(false);
        if (rows == 0)
        {
            throw new SyncAlreadyRunningException(lease.Connection, "the lease was taken over by another run");
        }

        return renewed;
    }

    /// <inheritdoc />
    public async Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, null, "DELETE FROM leases WHERE connection = $c AND holder = $h;", cancellationToken,
            ("$c", lease.Connection), ("$h", lease.Holder)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CreateBatchAsync(LedgerBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, null, """
            INSERT INTO batches (id, connection, action, started_at, finished_at, invoices, success, warning, error, stopped_reason)
            VALUES ($id, $c, $a, $s, $f, $n, $ok, $w, $e, $r);
            """, cancellationToken,
            ("$id", batch.Id), ("$c", batch.Connection), ("$a", batch.Action.ToString()), ("$s", batch.StartedAt.ToUnixTimeTicks()),
            ("$f", batch.FinishedAt?.ToUnixTimeTicks()), ("$n", batch.Totals.Invoices), ("$ok", batch.Totals.Success),
            ("$w", batch.Totals.Warning), ("$e", batch.Totals.Error), ("$r", batch.StoppedReason)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task FinishBatchAsync(string batchId, Instant finishedAt, SyncTotals totals, string? stoppedReason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(totals);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, null, """
            UPDATE batches SET finished_at = $f, invoices = $n, success = $ok, warning = $w, error = $e, stopped_reason = $r WHERE id = $id;
            """, cancellationToken,
            ("$id", batchId), ("$f", finishedAt.ToUnixTimeTicks()), ("$n", totals.Invoices), ("$ok", totals.Success),
            ("$w", totals.Warning), ("$e", totals.Error), ("$r", stoppedReason)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<LedgerBatch?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var batches = await QueryAsync(BatchSelect + " WHERE id = $id;", ReadBatch, cancellationToken, ("$id", batchId)).ConfigureAwait(false);
        return batches.Count == 0 ? null : batches[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerBatch>> GetBatchesAsync(string connection, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync(BatchSelect + " WHERE connection = $c ORDER BY started_at DESC, rowid DESC LIMIT $l;", ReadBatch, cancellationToken,
            ("$c", connection), ("$l", Math.Max(0, limit)));

    /// <inheritdoc />
    public async Task DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, tx, "DELETE FROM entries WHERE batch_id = $id;", cancellationToken, ("$id", batchId)).ConfigureAwait(false);
        await ExecuteAsync(db, tx, "DELETE FROM batches WHERE id = $id;", cancellationToken, ("$id", batchId)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task MarkBatchDeletingAsync(string batchId, Instant deletingAt, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The first stamp stays: a repeat finishes the deletion that began then.
        await ExecuteAsync(db, null, "UPDATE batches SET deleting_at = COALESCE(deleting_at, $d) WHERE id = $id;", cancellationToken,
            ("$id", batchId), ("$d", deletingAt.ToUnixTimeTicks())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetLaterMarksAsync(string connection, string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(psaInvoiceIds);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in psaInvoiceIds.Distinct(StringComparer.Ordinal).Chunk(MaxParametersPerQuery))
        {
            var (list, parameters) = InList(chunk);

            // "Later" is the batches' own order (start time, then insertion): the order history shows.
            var rows = await QueryAsync($"""
                SELECT e.psa_invoice_id, b.id FROM entries e
                JOIN batches b ON b.id = e.batch_id
                JOIN batches self ON self.id = $b
                WHERE b.connection = $c AND b.action IN ('PostToAccounting', 'MarkSyncedOnly') AND e.psa_marked = 1
                    AND (b.started_at > self.started_at OR (b.started_at = self.started_at AND b.rowid > self.rowid))
                    AND e.psa_invoice_id IN ({list})
                ORDER BY b.started_at DESC, b.rowid DESC;
                """, r => (Invoice: r.GetString(0), Batch: r.GetString(1)), cancellationToken, [("$c", connection), ("$b", batchId), .. parameters]).ConfigureAwait(false);
            foreach (var (invoice, batch) in rows)
            {
                result.TryAdd(invoice, batch);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public Task DeleteEntriesAsync(string batchId, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        WriteAllAsync(psaInvoiceIds, (db, tx, id, ct) => ExecuteAsync(db, tx, "DELETE FROM entries WHERE batch_id = $b AND psa_invoice_id = $i;", ct, ("$b", batchId), ("$i", id)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FailedPsaWrite>> GetFailedPsaWritesAsync(string connection, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT connection, psa_invoice_id, kind, failed_runs, last_error, updated_at, psa_number, accounting_invoice_id, accounting_number, orphaned_at
            FROM failed_psa_writes WHERE connection = $c ORDER BY updated_at, rowid;
            """, ReadFailedPsaWrite, cancellationToken, ("$c", connection));

    /// <inheritdoc />
    public Task SaveFailedPsaWritesAsync(IReadOnlyList<FailedPsaWrite> failures, CancellationToken cancellationToken = default) =>
        WriteAllAsync(failures, (db, tx, f, ct) => ExecuteAsync(db, tx, """
            INSERT INTO failed_psa_writes (connection, psa_invoice_id, kind, failed_runs, last_error, updated_at, psa_number, accounting_invoice_id, accounting_number, orphaned_at)
            VALUES ($c, $i, $k, $n, $e, $u, $pn, $ai, $an, $o)
            ON CONFLICT (connection, psa_invoice_id, kind) DO UPDATE SET failed_runs = excluded.failed_runs, last_error = excluded.last_error,
                updated_at = excluded.updated_at, psa_number = excluded.psa_number, accounting_invoice_id = excluded.accounting_invoice_id,
                accounting_number = excluded.accounting_number, orphaned_at = excluded.orphaned_at;
            """, ct,
            ("$c", f.Connection), ("$i", f.PsaInvoiceId), ("$k", f.Kind.ToString()), ("$n", f.FailedRuns), ("$e", f.LastError),
            ("$u", f.UpdatedAt.ToUnixTimeTicks()), ("$pn", f.PsaNumber), ("$ai", f.AccountingInvoiceId), ("$an", f.AccountingNumber),
            ("$o", f.OrphanedAt?.ToUnixTimeTicks())), cancellationToken);

    /// <inheritdoc />
    public Task DeleteFailedPsaWritesAsync(string connection, PsaWriteKind kind, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        WriteAllAsync(psaInvoiceIds, (db, tx, id, ct) => ExecuteAsync(db, tx, "DELETE FROM failed_psa_writes WHERE connection = $c AND psa_invoice_id = $i AND kind = $k;", ct,
            ("$c", connection), ("$i", id), ("$k", kind.ToString())), cancellationToken);

    /// <inheritdoc />
    public async Task SaveEntryAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await WriteEntryAsync(db, null, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SaveEntriesAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default) =>
        WriteAllAsync(entries, WriteEntryAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(string batchId, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT batch_id, psa_invoice_id, number, status, messages, recorded_at, company_name, total, psa_marked,
                accounting_invoice_id, accounting_number, accounting_url, payment, payment_message
            FROM entries WHERE batch_id = $b ORDER BY rowid;
            """, ReadEntry, cancellationToken, ("$b", batchId));

    /// <inheritdoc />
    public async Task<bool> DeleteEntryAsync(string batchId, string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ExecuteAsync(db, null, "DELETE FROM entries WHERE batch_id = $b AND psa_invoice_id = $i;", cancellationToken,
            ("$b", batchId), ("$i", psaInvoiceId)).ConfigureAwait(false);
        return rows > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, InvoiceMapping>> GetInvoiceMappingsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, InvoiceMapping>(StringComparer.Ordinal);
        foreach (var chunk in psaInvoiceIds.Distinct(StringComparer.Ordinal).Chunk(MaxParametersPerQuery))
        {
            var (list, parameters) = InList(chunk);
            var rows = await QueryAsync(InvoiceMappingSelect + $" WHERE connection = $c AND psa_invoice_id IN ({list});", ReadInvoiceMapping,
                cancellationToken, [("$c", connection), .. parameters]).ConfigureAwait(false);
            foreach (var row in rows)
            {
                result[row.PsaInvoiceId] = row;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task SaveInvoiceMappingAsync(InvoiceMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await WriteInvoiceMappingAsync(db, null, mapping, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SaveWrittenAsync(IReadOnlyList<InvoiceMapping> mappings, IReadOnlyList<SyncIntent> writtenIntents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(writtenIntents);
        if (mappings.Count != writtenIntents.Count)
        {
            throw new ArgumentException($"{mappings.Count} mappings but {writtenIntents.Count} written intents; each mapping needs its intent.", nameof(writtenIntents));
        }

        return WriteAllAsync(mappings.Zip(writtenIntents).ToList(), async (db, tx, pair, ct) =>
        {
            await WriteInvoiceMappingAsync(db, tx, pair.First, ct).ConfigureAwait(false);
            await WriteIntentAsync(db, tx, pair.Second, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InvoiceMapping>> GetUnpaidInvoiceMappingsAsync(string connection, CancellationToken cancellationToken = default) =>
        QueryAsync(InvoiceMappingSelect + """
             m WHERE m.connection = $c AND m.paid_date IS NULL AND EXISTS (
                SELECT 1 FROM entries e JOIN batches b ON b.id = e.batch_id
                WHERE b.connection = m.connection AND b.action = 'PostToAccounting' AND e.psa_invoice_id = m.psa_invoice_id
                    AND e.psa_marked = 1 AND e.accounting_invoice_id IS NOT NULL)
            ORDER BY m.psa_invoice_id;
            """, ReadInvoiceMapping, cancellationToken, ("$c", connection));

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, CustomerMapping>> GetCustomerMappingsAsync(string connection, IReadOnlyCollection<string> psaCompanyIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, CustomerMapping>(StringComparer.Ordinal);
        foreach (var chunk in psaCompanyIds.Distinct(StringComparer.Ordinal).Chunk(MaxParametersPerQuery))
        {
            var (list, parameters) = InList(chunk);
            var rows = await QueryAsync($"""
                SELECT connection, psa_company_id, customer_id, customer_name, is_manual, updated_at
                FROM customer_mappings WHERE connection = $c AND psa_company_id IN ({list});
                """, ReadCustomerMapping, cancellationToken, [("$c", connection), .. parameters]).ConfigureAwait(false);
            foreach (var row in rows)
            {
                result[row.PsaCompanyId] = row;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task SaveCustomerMappingAsync(CustomerMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, null, """
            INSERT INTO customer_mappings (connection, psa_company_id, customer_id, customer_name, is_manual, updated_at)
            VALUES ($c, $p, $cu, $n, $m, $u)
            ON CONFLICT (connection, psa_company_id) DO UPDATE SET customer_id = excluded.customer_id,
                customer_name = excluded.customer_name, is_manual = excluded.is_manual, updated_at = excluded.updated_at;
            """, cancellationToken,
            ("$c", mapping.Connection), ("$p", mapping.PsaCompanyId), ("$cu", mapping.AccountingCustomerId),
            ("$n", mapping.AccountingCustomerName), ("$m", mapping.IsManual ? 1 : 0), ("$u", mapping.UpdatedAt.ToUnixTimeTicks())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteCustomerMappingAsync(string connection, string psaCompanyId, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ExecuteAsync(db, null, "DELETE FROM customer_mappings WHERE connection = $c AND psa_company_id = $p;", cancellationToken,
            ("$c", connection), ("$p", psaCompanyId)).ConfigureAwait(false);
        return rows > 0;
    }

    /// <inheritdoc />
    public async Task SaveIntentAsync(SyncIntent intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await WriteIntentAsync(db, null, intent, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SaveIntentsAsync(IReadOnlyList<SyncIntent> intents, CancellationToken cancellationToken = default) =>
        WriteAllAsync(intents, WriteIntentAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncIntent>> GetIntentsAsync(string connection, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT connection, psa_invoice_id, batch_id, document_number, kind, idempotency_key, payload_hash, state,
                psa_number, accounting_invoice_id, is_update, updated_at
            FROM intents WHERE connection = $c ORDER BY rowid;
            """, ReadIntent, cancellationToken, ("$c", connection));

    /// <inheritdoc />
    public async Task DeleteIntentAsync(string connection, string psaInvoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await RemoveIntentAsync(db, null, connection, psaInvoiceId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task DeleteIntentsAsync(string connection, IReadOnlyCollection<string> psaInvoiceIds, CancellationToken cancellationToken = default) =>
        WriteAllAsync(psaInvoiceIds, (db, tx, id, ct) => RemoveIntentAsync(db, tx, connection, id, ct), cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetWatermarkAsync(string key, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT value FROM watermarks WHERE key = $k;", r => r.GetString(0), cancellationToken, ("$k", key)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task SetWatermarkAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, null, "INSERT INTO watermarks (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
            cancellationToken, ("$k", key), ("$v", value)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DocumentNumberMapping?> GetDocumentNumberAsync(string connection, string originalNumber, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT connection, original_number, short_number FROM document_numbers WHERE connection = $c AND original_number = $o;",
            ReadDocumentNumber, cancellationToken, ("$c", connection), ("$o", originalNumber)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<DocumentNumberMapping> TrySaveDocumentNumberAsync(DocumentNumberMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, tx, "INSERT OR IGNORE INTO document_numbers (connection, original_number, short_number) VALUES ($c, $o, $s);",
            cancellationToken, ("$c", mapping.Connection), ("$o", mapping.OriginalNumber), ("$s", mapping.ShortNumber)).ConfigureAwait(false);
        await using var read = Command(db, tx, "SELECT connection, original_number, short_number FROM document_numbers WHERE connection = $c AND short_number = $s;",
            ("$c", mapping.Connection), ("$s", mapping.ShortNumber));
        DocumentNumberMapping stored;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            stored = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDocumentNumber(reader) : mapping;
        }

        if (stored == mapping)
        {
            // Either inserted now, or the original already owned another short number (a concurrent run): return what is stored.
            await using var byOriginal = Command(db, tx, "SELECT connection, original_number, short_number FROM document_numbers WHERE connection = $c AND original_number = $o;",
                ("$c", mapping.Connection), ("$o", mapping.OriginalNumber));
            await using var reader = await byOriginal.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored = ReadDocumentNumber(reader);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    /// <summary>Opens (migrating), then takes the write lock and gives it back without changing anything.</summary>
    public async Task CheckWritableAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // A write that matches no row still needs a writable file (SQLite answers "readonly" here, not at the commit).
        await ExecuteAsync(db, tx, "UPDATE leases SET expires_at = expires_at WHERE connection IS NULL;", cancellationToken).ConfigureAwait(false);
        await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string BatchSelect = "SELECT id, connection, action, started_at, finished_at, invoices, success, warning, error, stopped_reason, deleting_at FROM batches";

    private const string InvoiceMappingSelect = """
        SELECT connection, psa_invoice_id, psa_number, accounting_invoice_id, accounting_number, kind, customer_id, total, paid_date, updated_at
        FROM invoice_mappings
        """;

    private static LedgerBatch ReadBatch(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Enum.Parse<SyncAction>(r.GetString(2)), Instant.FromUnixTimeTicks(r.GetInt64(3)))
        {
            FinishedAt = r.IsDBNull(4) ? null : Instant.FromUnixTimeTicks(r.GetInt64(4)),
            Totals = new SyncTotals(r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)),
            StoppedReason = r.IsDBNull(9) ? null : r.GetString(9),
            DeletingAt = r.IsDBNull(10) ? null : Instant.FromUnixTimeTicks(r.GetInt64(10)),
        };

    private static LedgerEntry ReadEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<SyncStatus>(r.GetString(3)),
            JsonSerializer.Deserialize(r.GetString(4), LedgerJsonContext.Default.StringArray) ?? [],
            Instant.FromUnixTimeTicks(r.GetInt64(5)))
        {
            CompanyName = NullableString(r, 6),
            Total = ParseDecimal(NullableString(r, 7)),
            PsaMarked = r.GetInt32(8) != 0,
            AccountingInvoiceId = NullableString(r, 9),
            AccountingNumber = NullableString(r, 10),
            AccountingUrl = NullableString(r, 11) is { } url ? new Uri(url) : null,
            Payment = NullableString(r, 12) is { } p ? Enum.Parse<PaymentQueueStatus>(p) : null,
            PaymentMessage = NullableString(r, 13),
        };

    private static InvoiceMapping ReadInvoiceMapping(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Enum.Parse<DocumentKind>(r.GetString(5)),
            Instant.FromUnixTimeTicks(r.GetInt64(9)))
        {
            AccountingCustomerId = NullableString(r, 6),
            Total = ParseDecimal(NullableString(r, 7)),
            PaidDate = NullableString(r, 8) is { } d ? LocalDatePattern.Iso.Parse(d).Value : null,
        };

    private static CustomerMapping ReadCustomerMapping(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), Instant.FromUnixTimeTicks(r.GetInt64(5)))
        {
            AccountingCustomerName = NullableString(r, 3),
            IsManual = r.GetInt32(4) != 0,
        };

    private static SyncIntent ReadIntent(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<DocumentKind>(r.GetString(4)), r.GetString(5),
            r.GetString(6), Enum.Parse<IntentState>(r.GetString(7)), Instant.FromUnixTimeTicks(r.GetInt64(11)))
        {
            PsaNumber = NullableString(r, 8),
            AccountingInvoiceId = NullableString(r, 9),
            IsUpdate = r.GetInt32(10) != 0,
        };

    private static FailedPsaWrite ReadFailedPsaWrite(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Enum.Parse<PsaWriteKind>(r.GetString(2)), r.GetInt32(3), r.GetString(4), Instant.FromUnixTimeTicks(r.GetInt64(5)))
        {
            PsaNumber = NullableString(r, 6),
            AccountingInvoiceId = NullableString(r, 7),
            AccountingNumber = NullableString(r, 8),
            OrphanedAt = r.IsDBNull(9) ? null : Instant.FromUnixTimeTicks(r.GetInt64(9)),
        };

    private static DocumentNumberMapping ReadDocumentNumber(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));

    private static string? NullableString(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static string? FormatDecimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static decimal? ParseDecimal(string? value) => value is null ? null : decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string? FormatDate(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    private static (string List, (string Name, object? Value)[] Parameters) InList(string[] values)
    {
        var parameters = new (string, object?)[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i] = ($"$p{i}", values[i]);
        }

        return (string.Join(", ", parameters.Select(p => p.Item1)), parameters);
    }

    private static Task<int> WriteEntryAsync(SqliteConnection db, SqliteTransaction? tx, LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ExecuteAsync(db, tx, """
            INSERT INTO entries (batch_id, psa_invoice_id, number, status, messages, recorded_at, company_name, total, psa_marked,
                accounting_invoice_id, accounting_number, accounting_url, payment, payment_message)
            VALUES ($b, $i, $n, $s, $m, $r, $cn, $t, $pm, $ai, $an, $au, $p, $pmsg)
            ON CONFLICT (batch_id, psa_invoice_id) DO UPDATE SET number = excluded.number, status = excluded.status,
                messages = excluded.messages, recorded_at = excluded.recorded_at, company_name = excluded.company_name,
                total = excluded.total, psa_marked = excluded.psa_marked, accounting_invoice_id = excluded.accounting_invoice_id,
                accounting_number = excluded.accounting_number, accounting_url = excluded.accounting_url,
                payment = excluded.payment, payment_message = excluded.payment_message;
            """, cancellationToken,
            ("$b", entry.BatchId), ("$i", entry.PsaInvoiceId), ("$n", entry.Number), ("$s", entry.Status.ToString()),
            ("$m", JsonSerializer.Serialize(entry.Messages.ToArray(), LedgerJsonContext.Default.StringArray)),
            ("$r", entry.RecordedAt.ToUnixTimeTicks()), ("$cn", entry.CompanyName), ("$t", FormatDecimal(entry.Total)),
            ("$pm", entry.PsaMarked ? 1 : 0), ("$ai", entry.AccountingInvoiceId), ("$an", entry.AccountingNumber),
            ("$au", entry.AccountingUrl?.ToString()), ("$p", entry.Payment?.ToString()), ("$pmsg", entry.PaymentMessage));
    }

    private static Task<int> WriteInvoiceMappingAsync(SqliteConnection db, SqliteTransaction? tx, InvoiceMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return ExecuteAsync(db, tx, """
            INSERT INTO invoice_mappings (connection, psa_invoice_id, psa_number, accounting_invoice_id, accounting_number, kind, customer_id, total, paid_date, updated_at)
            VALUES ($c, $i, $pn, $ai, $an, $k, $cu, $t, $pd, $u)
            ON CONFLICT (connection, psa_invoice_id) DO UPDATE SET psa_number = excluded.psa_number,
                accounting_invoice_id = excluded.accounting_invoice_id, accounting_number = excluded.accounting_number,
                kind = excluded.kind, customer_id = excluded.customer_id, total = excluded.total,
                paid_date = excluded.paid_date, updated_at = excluded.updated_at;
            """, cancellationToken,
            ("$c", mapping.Connection), ("$i", mapping.PsaInvoiceId), ("$pn", mapping.PsaNumber), ("$ai", mapping.AccountingInvoiceId),
            ("$an", mapping.AccountingNumber), ("$k", mapping.Kind.ToString()), ("$cu", mapping.AccountingCustomerId),
            ("$t", FormatDecimal(mapping.Total)), ("$pd", FormatDate(mapping.PaidDate)), ("$u", mapping.UpdatedAt.ToUnixTimeTicks()));
    }

    private static Task<int> WriteIntentAsync(SqliteConnection db, SqliteTransaction? tx, SyncIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return ExecuteAsync(db, tx, """
            INSERT INTO intents (connection, psa_invoice_id, batch_id, document_number, kind, idempotency_key, payload_hash, state,
                psa_number, accounting_invoice_id, is_update, updated_at)
            VALUES ($c, $i, $b, $d, $k, $key, $h, $s, $pn, $ai, $up, $u)
            ON CONFLICT (connection, psa_invoice_id) DO UPDATE SET batch_id = excluded.batch_id, document_number = excluded.document_number,
                kind = excluded.kind, idempotency_key = excluded.idempotency_key, payload_hash = excluded.payload_hash,
                state = excluded.state, psa_number = excluded.psa_number, accounting_invoice_id = excluded.accounting_invoice_id,
                is_update = excluded.is_update, updated_at = excluded.updated_at;
            """, cancellationToken,
            ("$c", intent.Connection), ("$i", intent.PsaInvoiceId), ("$b", intent.BatchId), ("$d", intent.DocumentNumber),
            ("$k", intent.Kind.ToString()), ("$key", intent.IdempotencyKey), ("$h", intent.PayloadHash), ("$s", intent.State.ToString()),
            ("$pn", intent.PsaNumber), ("$ai", intent.AccountingInvoiceId), ("$up", intent.IsUpdate ? 1 : 0),
            ("$u", intent.UpdatedAt.ToUnixTimeTicks()));
    }

    private static Task<int> RemoveIntentAsync(SqliteConnection db, SqliteTransaction? tx, string connection, string psaInvoiceId, CancellationToken cancellationToken) =>
        ExecuteAsync(db, tx, "DELETE FROM intents WHERE connection = $c AND psa_invoice_id = $i;", cancellationToken,
            ("$c", connection), ("$i", psaInvoiceId));

    /// <summary>Writes every item in one connection and one transaction: all or none. An empty list opens nothing.</summary>
    private async Task WriteAllAsync<T>(IReadOnlyCollection<T> items, Func<SqliteConnection, SqliteTransaction, T, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            await write(db, tx, item, cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(db, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
