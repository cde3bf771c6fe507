namespace WiseSync.Pipeline.Internal;

/// <summary>What a post (or dry run) shares across its chunks.</summary>
internal sealed class PostContext(string batchId, bool dryRun, PsaWriteFailures? failures)
{
    /// <summary>The PSA writes refused in earlier runs (orphans are not posted again); null only when none could be read.</summary>
    public PsaWriteFailures? Failures { get; } = failures;

    public string BatchId { get; } = batchId;

    public bool DryRun { get; } = dryRun;

    public Dictionary<string, ContactSelection> Selections { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CustomerOutcome> Customers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<PsaInvoice>> InvoicesByCompany { get; } = new(StringComparer.Ordinal);
}
