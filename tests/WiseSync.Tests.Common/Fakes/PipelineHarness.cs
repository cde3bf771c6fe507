using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>A pipeline over the fakes and a real SQLite ledger in a temp file.</summary>
public sealed class PipelineHarness : IDisposable
{
    public const string ConnectionName = "acme-books";

    public PipelineHarness(bool withScheduler = true)
    {
        Ledger = File.Open(Clock);
        Scheduler = withScheduler ? new FakePaymentScheduler() : null;
    }

    public LedgerFile File { get; } = new();

    public FakeClock Clock { get; } = FakeClock.FromUtc(2026, 11, 20, 9, 0, 0);

    public FakePsaSource Psa { get; } = new();

    public FakeAccountingSink Sink { get; } = new();

    public FakePaymentScheduler? Scheduler { get; }

    public SqliteSyncLedger Ledger { get; }

    public WiseSyncOptions Options { get; } = new();

    public ICustomerMatchResolver? Resolver { get; set; }

    public SyncPipeline Pipeline(ISyncLedger? ledger = null) =>
        new(ConnectionName, Psa, Sink, ledger ?? Ledger, Clock, Options, Scheduler, Resolver);

    public static SyncRequest Post(bool dryRun = false) => new(SyncAction.PostToAccounting, new LocalDate(2026, 11, 30)) { DryRun = dryRun };

    public Task<SyncReport> PostAsync(bool dryRun = false) => Pipeline().RunAsync(Post(dryRun));

    public void Dispose() => File.Dispose();
}
