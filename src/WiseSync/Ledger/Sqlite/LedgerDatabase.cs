namespace WiseSync.Ledger.Sqlite;

/// <summary>Opens the ledger's SQLite file as <see cref="SqliteLedgerOptions"/> describe it, with the engine's schema.</summary>
internal static class LedgerDatabase
{
    /// <exception cref="ConfigurationException">No database path.</exception>
    public static SqliteDatabase Create(SqliteLedgerOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ConfigurationException("SqliteLedgerOptions.DatabasePath is required (the ledger's SQLite file).");
        }

        return new SqliteDatabase(options.DatabasePath, options.BusyTimeout, LedgerMigrations.Schema, clock);
    }
}
