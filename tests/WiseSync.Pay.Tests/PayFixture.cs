using Microsoft.Data.Sqlite;
using NodaTime;

namespace WiseSync.Pay.Tests;

/// <summary>A real SQLite file in a fresh temp folder, with a store and scheduler over it.</summary>
internal sealed class PayFixture : IAsyncDisposable
{
    private readonly string _folder;

    public PayFixture(FakeClock? clock = null)
    {
        _folder = Path.Combine(Path.GetTempPath(), "wisepay-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "ledger.db");
        Clock = clock ?? FakeClock.FromUtc(2026, 3, 1, 12, 0, 0);
        Scheduler = NewScheduler();
    }

    public string DatabasePath { get; }

    public FakeClock Clock { get; }

    public WisePayScheduler Scheduler { get; }

    public WisePayStore Store => Scheduler.Store;

    public WisePayOptions Options(string? processorId = null) => new()
    {
        DatabasePath = DatabasePath,
        ProcessorId = processorId,
        ChargeLease = TimeSpan.FromMinutes(5),
    };

    /// <summary>Another scheduler with its own store and connections on the same file, like a second process.</summary>
    public WisePayScheduler NewScheduler(string? processorId = null) => new(Options(processorId), Clock);

    public static Payer AcmePayer(params AutoPayTerms[] terms) => new("payer-acme", "C1")
    {
        Name = "Acme Ltd",
        AccountingCustomerId = "X-ACME",
        Primary = PaymentMethod.Card("Visa", "4242"),
        Secondary = PaymentMethod.BankAccount("Chase checking", "6789"),
        AutoPayTerms = terms.Length == 0 ? [AutoPayTerms.OnDueDate("Net 30")] : terms,
    };

    public static PsaInvoice Invoice(
        string id = "INV-1",
        decimal total = 100m,
        string companyId = "C1",
        string? terms = "Net 30",
        LocalDate? invoiceDate = null,
        LocalDate? dueDate = null) =>
        new(
            id,
            "N-" + id,
            new PsaCompanyRef(companyId, companyId == "C1" ? "Acme Ltd" : "Company " + companyId),
            invoiceDate ?? new LocalDate(2026, 3, 1),
            dueDate ?? (invoiceDate ?? new LocalDate(2026, 3, 1)).PlusDays(30),
            terms is null ? null : new PaymentTermsRef("T-" + terms.Replace(' ', '-'), terms, 30),
            "USD",
            [new PsaInvoiceLine("Work", 1m, total, total, 0m)],
            total,
            0m,
            total,
            ["ap@acme.test"]);

    public Task<PaymentScheduleResult> ScheduleAsync(PsaInvoice invoice, LocalDate? dueDate = null) =>
        Scheduler.ScheduleAsync(new PaymentScheduleRequest(invoice, dueDate ?? invoice.DueDate, null, null));

    /// <summary>Every byte of the database, including the WAL where fresh writes sit before a checkpoint.</summary>
    public byte[] ReadAllDatabaseBytes()
    {
        SqliteConnection.ClearAllPools();
        var bytes = new List<byte>();
        foreach (var suffix in new[] { string.Empty, "-wal", "-journal" })
        {
            var path = DatabasePath + suffix;
            if (File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes.AddRange(copy.ToArray());
            }
        }

        return [.. bytes];
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle on another test's thread may still be closing; the temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }
}
