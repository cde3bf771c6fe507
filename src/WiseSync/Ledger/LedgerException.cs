using System.Globalization;

namespace WiseSync;

/// <summary>
/// The ledger file cannot be used: read-only, locked, damaged, full or unreachable. The message names the file and what a
/// person does about it; nothing in it is a secret. A run that meets one stops (nothing can be recorded without the ledger);
/// what it did so far is in the ledger or reconciled by the next run.
/// </summary>
public sealed class LedgerException : WiseSyncException
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADb = 26;

    /// <summary>Creates the exception; the message names the file, what is wrong and the remedy.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="databasePath">The ledger file.</param>
    /// <param name="detail">The storage's own words (e.g. SQLite's "database is locked").</param>
    /// <param name="innerException">The storage's exception.</param>
    /// <param name="busyTimeout">How long the storage waited for a lock, for <see cref="LedgerProblem.Locked"/>.</param>
    public LedgerException(LedgerProblem problem, string databasePath, string detail, Exception? innerException = null, TimeSpan? busyTimeout = null)
        : base(Describe(problem, databasePath, detail, busyTimeout), innerException)
    {
        Problem = problem;
        DatabasePath = databasePath;
    }

    /// <summary>What is wrong.</summary>
    public LedgerProblem Problem { get; }

    /// <summary>The full path of the ledger file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// The ledger problem behind <paramref name="exception"/> (a SQLite error, or the file system refusing to create the file),
    /// or null when it is something else. Used by the SQLite ledger and by hosts that meet a raw SQLite error from another
    /// component sharing the file (the token store, Wise-Pay).
    /// </summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="databasePath">The ledger file.</param>
    /// <param name="busyTimeout">How long SQLite waited for a lock, for the message of a locked file.</param>
    public static LedgerException? From(Exception exception, string databasePath, TimeSpan? busyTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        return exception switch
        {
            LedgerException ledger => ledger,
            SqliteException sqlite when Classify(sqlite.SqliteErrorCode & 0xFF) is { } problem =>
                new LedgerException(problem == LedgerProblem.CannotOpen && IsReadOnly(path) ? LedgerProblem.ReadOnly : problem, path, Detail(sqlite), sqlite, busyTimeout),
            UnauthorizedAccessException denied => new LedgerException(LedgerProblem.ReadOnly, path, denied.Message, denied),
            IOException io => new LedgerException(LedgerProblem.DiskError, path, io.Message, io),
            _ => null,
        };
    }

    /// <summary>
    /// SQLite says only "unable to open database file" when an existing WAL-mode file cannot get its -shm file: the file or its
    /// folder is read-only (mode, owner, a read-only mount). Probed only on that error path.
    /// </summary>
    private static bool IsReadOnly(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            var probe = Path.Combine(Path.GetDirectoryName(path) ?? ".", $".{Path.GetFileName(path)}.probe-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return false;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return true;
        }
    }

    private static LedgerProblem? Classify(int code) => code switch
    {
        SqliteBusy or SqliteLocked => LedgerProblem.Locked,
        SqliteReadOnly => LedgerProblem.ReadOnly,
        SqliteCorrupt or SqliteNotADb => LedgerProblem.Damaged,
        SqliteFull => LedgerProblem.Full,
        SqliteCantOpen or SqlitePerm => LedgerProblem.CannotOpen,
        SqliteIoErr => LedgerProblem.DiskError,
        _ => null,
    };

    // "SQLite Error 8: 'attempt to write a readonly database'." → "attempt to write a readonly database"
    internal static string Detail(SqliteException sqlite)
    {
        var message = sqlite.Message;
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : message;
    }

    private static string Describe(LedgerProblem problem, string path, string detail, TimeSpan? busyTimeout) => problem switch
    {
        LedgerProblem.ReadOnly =>
            $"The ledger {path} is read-only ({detail}): this process cannot write the file, its -wal/-shm files or its folder. " +
            "Make them writable for this user (file mode, owner, a disk mounted read-only), or move the ledger somewhere writable; " +
            "then run again — nothing was lost, the next run picks up where this one stopped.",
        LedgerProblem.Locked =>
            $"The ledger {path} is locked by another program ({detail}{(busyTimeout is { } wait ? string.Create(CultureInfo.InvariantCulture, $" after waiting {wait.TotalSeconds:0.#} s") : string.Empty)}). " +
            "Close whatever holds it open — another sync or worker using this ledger, a database browser or sqlite3 shell, a backup tool — then run again.",
        LedgerProblem.Damaged =>
            $"The ledger {path} is damaged ({detail}). Restore it from a backup, or rebuild its invoice and customer mappings from the " +
            "accounting system and the PSA's synced marks (ledger rebuild), which keeps the damaged file beside the new one.",
        LedgerProblem.Full =>
            $"The ledger {path} cannot grow ({detail}): the disk holding it is full, or a size limit was reached. " +
            "Free space there (or move the ledger to a disk with room), then run again; the next run completes what this one left open.",
        LedgerProblem.CannotOpen =>
            $"The ledger {path} cannot be opened ({detail}). Check that its folder exists and that this user may read and write the file and the folder.",
        _ =>
            $"The ledger {path} could not be read or written: a disk error ({detail}). Check the disk and the file, then run again.",
    };
}
