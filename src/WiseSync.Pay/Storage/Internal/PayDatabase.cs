using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace WiseSync.Pay.Internal;

/// <summary>Opens connections to the shared SQLite file and applies Wise-Pay's migrations once per instance.</summary>
internal sealed class PayDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private volatile bool _migrated;

    public PayDatabase(string databasePath, TimeSpan busyTimeout, IClock clock)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
        {
            throw new ConfigurationException("WisePayOptions.DatabasePath is required: the SQLite file (normally the ledger's file) that holds the pay_ tables.");
        }

        DatabasePath = Path.GetFullPath(databasePath);
        _clock = clock;
        _busyTimeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
    }

    public string DatabasePath { get; }

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
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        CreateOwnerOnly(DatabasePath);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Another process (the engine, a second worker) may hold the write lock: wait for it rather than fail.
            await ExecuteAsync(connection, null, $"PRAGMA busy_timeout = {_busyTimeoutMs.ToString(CultureInfo.InvariantCulture)}; PRAGMA foreign_keys = ON;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The file holds payer data (masked card details, references): owner read/write only on Unix, as the engine's ledger.</summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another process (or the engine's ledger) in the meantime.
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

            var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                // WAL lets readers and one writer in different processes share the file; the mode is stored in the file.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, null, $"CREATE TABLE IF NOT EXISTS {PayMigrations.MigrationsTable} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", cancellationToken).ConfigureAwait(false);

                // IMMEDIATE: two processes opening a fresh file at once must not both apply migration 1.
                using var transaction = connection.BeginTransaction(deferred: false);
                var applied = new HashSet<long>();
                using (var select = Command(connection, transaction, $"SELECT version FROM {PayMigrations.MigrationsTable};"))
                using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        applied.Add(reader.GetInt64(0));
                    }
                }

                foreach (var (version, name, sql) in PayMigrations.All)
                {
                    if (applied.Contains(version))
                    {
                        continue;
                    }

                    await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                    using var record = Command(connection, transaction, $"INSERT INTO {PayMigrations.MigrationsTable} (version, name, applied_at) VALUES ($v, $n, $t);");
                    record.Parameters.AddWithValue("$v", version);
                    record.Parameters.AddWithValue("$n", name);
                    record.Parameters.AddWithValue("$t", Stamp(_clock.GetCurrentInstant()));
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _migrated = true;
        }
        finally
        {
            _migrateGate.Release();
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Stored as text: ISO dates and instants sort correctly; decimals keep every digit.
    public static string Stamp(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static Instant ParseStamp(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseMoney(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static object DbValue(object? value) => value ?? DBNull.Value;
}
