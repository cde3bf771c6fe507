using Microsoft.Data.Sqlite;

namespace WiseSync.Pay.Tests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_create_only_pay_tables_record_their_version_and_leave_other_tables_alone()
    {
        await using var f = new PayFixture();
        await using (var ledger = new SqliteConnection($"Data Source={f.DatabasePath}"))
        {
            await ledger.OpenAsync();
            using var create = ledger.CreateCommand();
            create.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY); INSERT INTO schema_migrations VALUES (1), (2); CREATE TABLE batches (id TEXT);";
            await create.ExecuteNonQueryAsync();
        }

        await f.Store.InitializeAsync();
        await f.NewScheduler().Store.InitializeAsync();

        await using var connection = new SqliteConnection($"Data Source={f.DatabasePath}");
        await connection.OpenAsync();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;");
        Assert.All(tables.Where(t => t is not "schema_migrations" and not "batches"), t => Assert.StartsWith("pay_", t, StringComparison.Ordinal));
        Assert.Contains("pay_payments", tables);
        Assert.Equal(["1", "2"], await QueryAsync(connection, "SELECT version FROM schema_migrations ORDER BY version;"));
        Assert.Equal(["1"], await QueryAsync(connection, "SELECT version FROM pay_schema_migrations;"));
        Assert.Equal(["wal"], await QueryAsync(connection, "PRAGMA journal_mode;"));
    }

    private static async Task<List<string>> QueryAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
