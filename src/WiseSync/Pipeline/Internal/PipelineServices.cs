using Microsoft.Extensions.Logging;
using WiseSync.Policies;

namespace WiseSync.Pipeline.Internal;

/// <summary>What every action and step of one connection's pipeline works with: the vendors, the ledger, the clock, the options and policies.</summary>
internal sealed record PipelineServices(
    string Connection, IPsaSource Psa, IAccountingSink Sink, ISyncLedger Ledger, IClock Clock,
    WiseSyncOptions Options, IPaymentScheduler? Scheduler, ICustomerMatchResolver? Resolver, ILogger Logger)
{
    public ContactEmailPolicy ContactPolicy { get; } = new(Options.ContactEmailHandling);

    public DueDatePolicy DueDates { get; } = new(Options.PaymentTerms, Options.DefaultNetDays);

    public DocumentNumberPolicy Numbers { get; } = new(Ledger, Connection);

    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>The run's chunk sizes, read from the vendors' capabilities when asked (a run asks once, as it starts).</summary>
    public ChunkSizes Sizes => new(Sink.Capabilities, Psa.Capabilities, Options);

    public Duration LeaseDuration => Duration.FromTimeSpan(Options.LeaseDuration);

    /// <summary>Writes the entries of finished work items in one ledger call, in their order.</summary>
    public Task SaveEntriesAsync(IEnumerable<WorkItem> items, string batchId, CancellationToken cancellationToken) =>
        Ledger.SaveEntriesAsync(items.Select(i => i.ToEntry(batchId, Now)).ToList(), cancellationToken);

    public LedgerEntry EntryOf(string batchId, InvoiceSyncResult result) =>
        new(batchId, result.PsaInvoiceId, result.Number, result.Status, result.Messages, Now)
        {
            CompanyName = result.CompanyName,
            Total = result.Total,
            AccountingInvoiceId = result.AccountingInvoiceId,
            AccountingNumber = result.AccountingNumber,
        };
}
