using System.ComponentModel.DataAnnotations;

namespace WiseSync;

/// <summary>Where the SQLite ledger lives. Other WiseSync packages (e.g. WiseSync.Pay) keep their own tables in the same file.</summary>
public sealed class SqliteLedgerOptions
{
    /// <summary>The database file path (relative paths are relative to the working folder). Default: <c>wisesync.db</c>.</summary>
    [Required(ErrorMessage = "WiseSync: Ledger:DatabasePath is required (the SQLite ledger file).")]
    public string DatabasePath { get; set; } = "wisesync.db";

    /// <summary>How long a command waits for another writer (another process on the same file) before failing. Default: 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
