namespace WiseSync.Ledger.Sqlite;

/// <summary>
/// Creates a database file that only its owner can read or write before SQLite opens it: the ledger holds OAuth
/// refresh tokens, customer data and (Wise-Pay) payer data. SQLite gives its -wal and -shm files the database file's mode, so they follow.
/// </summary>
internal static class OwnerOnlyFile
{
    public static void EnsureCreated(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            // Windows: the file inherits the folder's ACL (document it; a per-user folder such as %LOCALAPPDATA% is owner-only).
            // An existing file keeps the mode its owner gave it.
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
            // Another process created it first; it went through this same code or chose its own mode.
        }
    }
}
