namespace WiseSync.Ledger.Sqlite;

/// <summary>One numbered schema change. Never edit a shipped one; add the next number.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
