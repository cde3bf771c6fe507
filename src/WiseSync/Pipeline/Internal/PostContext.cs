namespace WiseSync.Pipeline.Internal;

/// <summary>What a post (or dry run) shares across its chunks.</summary>
internal sealed class PostContext(string batchId, bool dryRun)
{
    public string BatchId { get; } = batchId;

    public bool DryRun { get; } = dryRun;

    public Dictionary<string, ContactSelection> Selections { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CustomerOutcome> Customers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<PsaInvoice>> InvoicesByCompany { get; } = new(StringComparer.Ordinal);
}
