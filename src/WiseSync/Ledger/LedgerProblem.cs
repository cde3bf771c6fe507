namespace WiseSync;

/// <summary>What is wrong with the ledger file, as far as a person fixing it needs to know.</summary>
public enum LedgerProblem
{
    /// <summary>The file, its -wal/-shm companions or its folder cannot be written.</summary>
    ReadOnly,

    /// <summary>Another program holds a lock on the file for longer than the busy timeout.</summary>
    Locked,

    /// <summary>The file is not a readable database any more (damaged, truncated or overwritten).</summary>
    Damaged,

    /// <summary>The disk holding the file is full, or a size limit was reached.</summary>
    Full,

    /// <summary>The file cannot be opened at all (missing folder, permissions).</summary>
    CannotOpen,

    /// <summary>Another disk error while reading or writing.</summary>
    DiskError,
}
