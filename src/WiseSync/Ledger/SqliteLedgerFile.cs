using System.Globalization;
using NodaTime.Text;

namespace WiseSync;

/// <summary>
/// Care of a SQLite ledger file that can no longer be used: tell a damaged file from a sound one, set it aside (never
/// deleted: it may still be read by a person or a tool), and carry what the vendors cannot give back — stored OAuth tokens,
/// other packages' tables such as Wise-Pay's payers — into the new file before the mappings are rebuilt
/// (<see cref="SyncPipeline.RebuildLedgerAsync"/>).
/// </summary>
public static class SqliteLedgerFile
{
    /// <summary>The engine's own tables, rebuilt from the vendors rather than copied.</summary>
    private static readonly HashSet<string> Rebuilt = new(StringComparer.OrdinalIgnoreCase)
    {
        "schema_migrations", "batches", "entries", "invoice_mappings", "customer_mappings", "intents", "leases", "watermarks",
        "document_numbers", "failed_psa_writes",
    };

    /// <summary>Whether the file at <paramref name="path"/> is missing, readable (and how many batches it holds) or damaged.</summary>
    public static async Task<SqliteLedgerHealth> InspectAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return new SqliteLedgerHealth(SqliteLedgerState.Missing, 0);
        }

        try
        {
            await using var db = await OpenReadOnlyAsync(path, cancellationToken).ConfigureAwait(false);
            var check = await ScalarsAsync(db, "PRAGMA quick_check;", cancellationToken).ConfigureAwait(false);
            if (check.Count != 1 || !string.Equals(check[0], "ok", StringComparison.OrdinalIgnoreCase))
            {
                return new SqliteLedgerHealth(SqliteLedgerState.Damaged, 0, string.Join("; ", check.Take(5)));
            }

            var hasBatches = (await ScalarsAsync(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'batches';", cancellationToken).ConfigureAwait(false)).Count > 0;
            var batches = hasBatches ? int.Parse((await ScalarsAsync(db, "SELECT COUNT(*) FROM batches;", cancellationToken).ConfigureAwait(false))[0], CultureInfo.InvariantCulture) : 0;
            return new SqliteLedgerHealth(SqliteLedgerState.Readable, batches);
        }
        catch (SqliteException ex) when (LedgerException.From(ex, path) is { Problem: LedgerProblem.Damaged })
        {
            return new SqliteLedgerHealth(SqliteLedgerState.Damaged, 0, LedgerException.Detail(ex));
        }
    }

    /// <summary>
    /// Moves the ledger file and its -wal/-shm files to <c>{path}.damaged-{stamp}</c> (SQLite keeps finding the pair there) and
    /// returns that path. Nothing is deleted.
    /// </summary>
    public static string SetAside(string path, Instant now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        // A pooled connection of this process would keep the old file (or its -shm) open.
        SqliteConnection.ClearAllPools();
        var stamp = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss").Format(now);
        var target = $"{path}.damaged-{stamp}";
        for (var n = 2; File.Exists(target); n++)
        {
            target = $"{path}.damaged-{stamp}-{n}";
        }

        foreach (var suffix in new[] { "-wal", "-shm", string.Empty })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        return target;
    }

    /// <summary>
    /// Copies every table of <paramref name="damagedPath"/> that the engine does not rebuild (OAuth tokens, other packages'
    /// tables) into the ledger at <paramref name="newPath"/>, table by table: one that cannot be read is skipped. Returns, per
    /// table, how many rows were carried over or why none were.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SalvageAsync(string damagedPath, string newPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(damagedPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(newPath);
        var outcome = new List<string>();
        List<(string Name, string Sql)> tables;
        SqliteConnection old;
        try
        {
            old = await OpenReadOnlyAsync(damagedPath, cancellationToken).ConfigureAwait(false);
            tables = await TablesAsync(old, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            return [$"nothing could be read from {damagedPath} ({ex.Message})"];
        }

        await using (old)
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = newPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
        {
            await target.OpenAsync(cancellationToken).ConfigureAwait(false);
            var existing = (await TablesAsync(target, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, sql) in tables.Where(t => !Rebuilt.Contains(t.Name)))
            {
                try
                {
                    var rows = await CopyTableAsync(old, target, name, existing.Contains(name) ? null : sql, cancellationToken).ConfigureAwait(false);
                    outcome.Add($"{name}: {rows} row(s) carried over");
                }
                catch (SqliteException ex)
                {
                    outcome.Add($"{name}: not carried over ({ex.Message})");
                }
            }
        }

        return outcome;
    }

    private static async Task<int> CopyTableAsync(SqliteConnection old, SqliteConnection target, string table, string? createSql, CancellationToken cancellationToken)
    {
        // Read whole first: a damaged page fails the read before anything of the table is written.
        var rows = new List<object?[]>();
        string[] columns;
        await using (var read = old.CreateCommand())
        {
            read.CommandText = $"SELECT * FROM {Quote(table)};";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var values = new object?[reader.FieldCount];
                reader.GetValues(values!);
                rows.Add(values);
            }
        }

        await using var tx = (SqliteTransaction)await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (createSql is not null)
        {
            await using var create = target.CreateCommand();
            create.Transaction = tx;
            create.CommandText = createSql;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var values in rows)
        {
            await using var insert = target.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"INSERT OR REPLACE INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))});";
            for (var i = 0; i < values.Length; i++)
            {
                insert.Parameters.AddWithValue($"$p{i}", values[i] ?? DBNull.Value);
            }

            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private static async Task<List<(string Name, string Sql)>> TablesAsync(SqliteConnection db, CancellationToken cancellationToken)
    {
        var tables = new List<(string, string)>();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY rowid;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add((reader.GetString(0), reader.GetString(1)));
        }

        return tables;
    }

    private static async Task<SqliteConnection> OpenReadOnlyAsync(string path, CancellationToken cancellationToken)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
            return db;
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<List<string>> ScalarsAsync(SqliteConnection db, string sql, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return values;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
