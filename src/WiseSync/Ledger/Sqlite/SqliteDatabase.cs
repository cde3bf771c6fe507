using System.Globalization;
using NodaTime.Text;

namespace WiseSync.Ledger.Sqlite;

/// <summary>
/// The one way WiseSync opens its SQLite file, for the ledger and for Wise-Pay alike: the file is created owner-only,
/// every connection gets the same pragmas, and the schema's numbered migrations are applied once per instance.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly SqliteSchema _schema;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private volatile bool _migrated;

    public SqliteDatabase(string databasePath, TimeSpan busyTimeout, SqliteSchema schema, IClock clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(clock);
        DatabasePath = Path.GetFullPath(databasePath);
        _schema = schema;
        _clock = clock;
        _busyTimeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,

            // Rounded up: a command never gives up before the busy timeout it was promised.
            DefaultTimeout = Math.Max(1, (int)Math.Min(int.MaxValue, Math.Ceiling(busyTimeout.TotalSeconds))),
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>How long a command waits for another writer.</summary>
    public TimeSpan BusyTimeout => TimeSpan.FromMilliseconds(_busyTimeoutMs);

    /// <summary>Opens a connection, applying the schema's migrations first if this instance has not yet.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        // On every open, not once: a file removed while the process runs is created owner-only again, not by SQLite.
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        OwnerOnlyFile.EnsureCreated(DatabasePath);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // busy_timeout: another process (the engine, a second worker) may hold the write lock; wait for it rather than fail.
            // synchronous = FULL: a commit is on disk before it returns, even across a power cut. Wise-Pay records charge
            // attempts here, and a lost "approved" must never lead to a second charge.
            // foreign_keys: Wise-Pay's tables declare them; the engine's have none, so it costs them nothing.
            await SqliteCommands.ExecuteAsync(connection, null,
                $"PRAGMA busy_timeout = {_busyTimeoutMs.ToString(CultureInfo.InvariantCulture)}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);

            // WAL lets readers and one writer (possibly in another process) work at the same time; the mode is stored in the file.
            await SqliteCommands.ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);

            // IMMEDIATE takes the write lock up front, so two processes opening a new file migrate one after the other.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await SqliteCommands.ExecuteAsync(connection, transaction,
                $"CREATE TABLE IF NOT EXISTS {_schema.MigrationsTable} (version INTEGER PRIMARY KEY, {_schema.NameColumn} TEXT NOT NULL, applied_at TEXT NOT NULL);",
                cancellationToken).ConfigureAwait(false);

            var applied = new HashSet<long>();
            await using (var select = SqliteCommands.Command(connection, transaction, $"SELECT version FROM {_schema.MigrationsTable};"))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt64(0));
                }
            }

            foreach (var migration in _schema.Migrations.Where(m => !applied.Contains(m.Version)))
            {
                await SqliteCommands.ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await SqliteCommands.ExecuteAsync(connection, transaction,
                    $"INSERT INTO {_schema.MigrationsTable} (version, {_schema.NameColumn}, applied_at) VALUES ($v, $n, $t);", cancellationToken,
                    ("$v", migration.Version), ("$n", migration.Name), ("$t", InstantPattern.ExtendedIso.Format(_clock.GetCurrentInstant()))).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migrateGate.Release();
        }
    }
}
