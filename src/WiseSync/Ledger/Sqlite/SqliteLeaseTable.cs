using NodaTime.Text;
using WiseSync.Ledger.Tables;

namespace WiseSync.Ledger.Sqlite;

/// <summary>Table <c>leases</c>: which run holds a connection, and until when.</summary>
internal sealed class SqliteLeaseTable(SqliteDatabase database, IClock clock) : SqliteTable(database), ILeaseTable
{
    public async Task<SyncLease> AcquireLeaseAsync(string connection, string holder, Duration duration, CancellationToken cancellationToken)
    {
        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
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

    public async Task<SyncLease> RenewLeaseAsync(SyncLease lease, Duration duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var renewed = lease with { ExpiresAt = clock.GetCurrentInstant() + duration };
        var rows = await ExecuteOnceAsync("UPDATE leases SET expires_at = $e WHERE connection = $c AND holder = $h;", cancellationToken,
            ("$c", lease.Connection), ("$h", lease.Holder), ("$e", renewed.ExpiresAt.ToUnixTimeTicks())).ConfigureAwait(false);
        if (rows == 0)
        {
            throw new SyncAlreadyRunningException(lease.Connection, "the lease was taken over by another run");
        }

        return renewed;
    }

    public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return ExecuteOnceAsync("DELETE FROM leases WHERE connection = $c AND holder = $h;", cancellationToken,
            ("$c", lease.Connection), ("$h", lease.Holder));
    }

    /// <summary>Opens (migrating), then takes the write lock and gives it back without changing anything.</summary>
    public async Task CheckWritableAsync(CancellationToken cancellationToken)
    {
        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // A write that matches no row still needs a writable file (SQLite answers "readonly" here, not at the commit).
        await ExecuteAsync(db, tx, "UPDATE leases SET expires_at = expires_at WHERE connection IS NULL;", cancellationToken).ConfigureAwait(false);
        await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }
}
