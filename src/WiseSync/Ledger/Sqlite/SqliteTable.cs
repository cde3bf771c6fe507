using System.Globalization;
using NodaTime.Text;

namespace WiseSync.Ledger.Sqlite;

/// <summary>
/// What every SQLite table group of the ledger does the same way: one connection per call, all-or-none batch writes,
/// reads of many keys in chunks that stay under SQLite's parameter limit, and how values are stored (instants as ticks,
/// decimals and dates as invariant text).
/// </summary>
internal abstract class SqliteTable(SqliteDatabase database)
{
    private const int MaxParametersPerQuery = 500;

    protected SqliteDatabase Database { get; } = database;

    protected static SqliteCommand Command(SqliteConnection db, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters) =>
        SqliteCommands.Command(db, tx, sql, parameters);

    protected static Task<int> ExecuteAsync(SqliteConnection db, SqliteTransaction? tx, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        SqliteCommands.ExecuteAsync(db, tx, sql, cancellationToken, parameters);

    protected static string? NullableString(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    protected static Instant? NullableInstant(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Instant.FromUnixTimeTicks(r.GetInt64(ordinal));

    protected static string? FormatDecimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    protected static decimal? ParseDecimal(string? value) => value is null ? null : decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    protected static string? FormatDate(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    /// <summary>Runs one statement in its own connection; returns the rows it changed.</summary>
    protected async Task<int> ExecuteOnceAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(db, null, sql, cancellationToken, parameters).ConfigureAwait(false);
    }

    /// <summary>Writes one item in its own connection, outside any transaction.</summary>
    protected async Task WriteOneAsync<T>(T item, Func<SqliteConnection, SqliteTransaction?, T, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await write(db, null, item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every item in one connection and one transaction: all or none. An empty list opens nothing.</summary>
    protected async Task WriteAllAsync<T>(IReadOnlyCollection<T> items, Func<SqliteConnection, SqliteTransaction, T, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            await write(db, tx, item, cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var db = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(db, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// Reads the rows of many keys, a chunk at a time: <paramref name="sql"/> gets the chunk's parameter list (<c>$p0, $p1, …</c>)
    /// and <paramref name="fixedParameters"/> besides; every row is passed to <paramref name="add"/>.
    /// </summary>
    protected async Task QueryByKeysAsync<T>(
        IReadOnlyCollection<string> keys,
        Func<string, string> sql,
        Func<SqliteDataReader, T> read,
        Action<T> add,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] fixedParameters)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(MaxParametersPerQuery))
        {
            var parameters = chunk.Select((key, i) => (Name: $"$p{i}", Value: (object?)key)).ToArray();
            var rows = await QueryAsync(sql(string.Join(", ", parameters.Select(p => p.Name))), read, cancellationToken, [.. fixedParameters, .. parameters]).ConfigureAwait(false);
            foreach (var row in rows)
            {
                add(row);
            }
        }
    }
}
