using Microsoft.Data.Sqlite;
using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>A ledger file in a fresh temp folder, deleted afterwards.</summary>
public sealed class LedgerFile : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wisesync-tests", Guid.NewGuid().ToString("N"));

    public LedgerFile()
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "ledger.db");
    }

    public string Path { get; }

    public SqliteLedgerOptions Options => new() { DatabasePath = Path };

    public SqliteSyncLedger Open(IClock clock) => new(Options, clock);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open elsewhere is left for the OS temp cleanup.
        }
    }
}
