using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Policies;

namespace WiseSync.Pipeline.Internal;

/// <summary>What every action and step of one connection's pipeline works with: the vendors, the ledger, the clock, the options and policies.</summary>
internal sealed class PipelineServices
{
    public PipelineServices(
        string connection,
        IPsaSource psa,
        IAccountingSink sink,
        ISyncLedger ledger,
        IClock clock,
        WiseSyncOptions options,
        IPaymentScheduler? scheduler,
        ICustomerMatchResolver? resolver,
        ILogger logger)
    {
        Connection = connection;
        Psa = psa;
        Sink = sink;
        Ledger = ledger;
        Clock = clock;
        Options = options;
        Scheduler = scheduler;
        Resolver = resolver;
        Logger = logger;
        ContactPolicy = new ContactEmailPolicy(options.ContactEmailHandling);
        DueDates = new DueDatePolicy(options.PaymentTerms, options.DefaultNetDays);
        Numbers = new DocumentNumberPolicy(ledger, connection);
    }

    public string Connection { get; }

    public IPsaSource Psa { get; }

    public IAccountingSink Sink { get; }

    public ISyncLedger Ledger { get; }

    public IClock Clock { get; }

    public WiseSyncOptions Options { get; }

    public IPaymentScheduler? Scheduler { get; }

    public ICustomerMatchResolver? Resolver { get; }

    public ILogger Logger { get; }

    public ContactEmailPolicy ContactPolicy { get; }

    public DueDatePolicy DueDates { get; }

    public DocumentNumberPolicy Numbers { get; }

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
