namespace WiseSync.Ledger.Sqlite;

/// <summary>
/// One package's tables in the shared file: its migrations and the table that records which are applied. Each package
/// keeps its own record table (the engine <c>schema_migrations</c>, Wise-Pay <c>pay_schema_migrations</c>), so neither
/// ever applies or skips the other's numbers.
/// </summary>
/// <param name="MigrationsTable">The table recording applied versions.</param>
/// <param name="NameColumn">The column of that table holding a migration's name (kept as shipped in each file).</param>
/// <param name="Migrations">The migrations, in version order.</param>
internal sealed record SqliteSchema(string MigrationsTable, string NameColumn, IReadOnlyList<SqliteMigration> Migrations);
