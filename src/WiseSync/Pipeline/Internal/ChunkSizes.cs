namespace WiseSync.Pipeline.Internal;

/// <summary>Every chunk size of a run, in one place: each comes from the vendor that sets the limit, or from the options.</summary>
internal sealed class ChunkSizes(AccountingCapabilities accounting, PsaCapabilities psa, WiseSyncOptions options)
{
    /// <summary>
    /// How many chunks a post reads, prepares and posts before reading more. The PSA is streamed window by window so a
    /// run's memory stays flat however many invoices it covers; a run of at most one window works exactly as if it were
    /// read whole (one contacts call, customer contacts from all of a company's invoices in the run).
    /// </summary>
    public const int PostWindowChunks = 10;

    /// <summary>How many invoices one accounting write or lookup carries (the sink's batch size).</summary>
    public int AccountingWrite { get; } = Math.Max(1, accounting.BatchSize);

    /// <summary>How many invoices a post reads before it posts them.</summary>
    public int PostWindow => AccountingWrite * PostWindowChunks;

    /// <summary>How many invoices one PSA write (mark synced, clear, paid) carries.</summary>
    public int PsaWrite { get; } = Math.Max(1, psa.MaxInvoicesPerMark);

    /// <summary>How many invoices one payment-status call asks about.</summary>
    public int PaymentStatus { get; } = Math.Max(1, options.PaymentStatusBatchSize);
}
