namespace WiseSync;

/// <summary>What <see cref="SqliteLedgerFile.InspectAsync"/> found at a ledger path.</summary>
public enum SqliteLedgerState
{
    /// <summary>No file.</summary>
    Missing,

    /// <summary>A readable ledger (possibly empty).</summary>
    Readable,

    /// <summary>A file SQLite cannot read as a sound database.</summary>
    Damaged,
}

/// <summary>The state of a ledger file.</summary>
/// <param name="State">Missing, readable or damaged.</param>
/// <param name="Batches">How many batches a readable ledger holds (0 for the others).</param>
/// <param name="Detail">What SQLite said about a damaged file.</param>
public sealed record SqliteLedgerHealth(SqliteLedgerState State, int Batches, string? Detail = null);
