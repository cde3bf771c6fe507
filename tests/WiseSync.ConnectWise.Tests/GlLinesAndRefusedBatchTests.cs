using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.ConnectWise.Tests.Infrastructure;
using static WiseSync.ConnectWise.Tests.PendingInvoicesTests;

namespace WiseSync.ConnectWise.Tests;

/// <summary>
/// Lines belong to the invoice by id, never by a number another invoice shares in another case; an invoice another tool
/// batched is named as such; one invoice ConnectWise refuses in an accounting batch does not keep its neighbours unmarked.
/// </summary>
public sealed class GlLinesAndRefusedBatchTests
{
    private static readonly LocalDate FarThru = new(2027, 12, 31);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 9, 0);

    private static PsaSyncMark[] Marks(params int[] ids) =>
        ids.Select(id => new PsaSyncMark(id.ToString(CultureInfo.InvariantCulture), Now, null)).ToArray();

    private static object SeedInvoice(int id, string number, int companyId, string description, decimal amount) => new
    {
        id, number, companyId, date = "2026-11-10", dueDate = "2026-12-10", paymentTermId = 3, divisionId = 1, taxRateId = 1, currency = "USD",
        subtotal = amount, tax = 0m, total = amount,
        lines = new[] { new { id = id * 10, kind = "Service", description, quantity = 1, unitPrice = amount, amount, billable = true, taxable = false, tax = 0m, date = "2026-11-09" } },
        recipients = Array.Empty<object>(),
    };

    [Fact]
    public async Task Invoices_whose_numbers_differ_only_in_case_keep_their_own_lines()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 4, companies: 3, seedInvoices:
        [
            SeedInvoice(79001, "CASE-7", 101, "Upper-case invoice work", 120m),
            SeedInvoice(79002, "case-7", 102, "Lower-case invoice work", 45.5m),
        ]);

        var listed = await ToListAsync(sandbox.Source().GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        var upper = listed.Single(i => i.Id == "79001");
        var lower = listed.Single(i => i.Id == "79002");
        Assert.Equal("Upper-case invoice work", Assert.Single(upper.Lines).Description);
        Assert.Equal(120m, upper.Lines.Sum(l => l.Amount));
        Assert.Equal("Lower-case invoice work", Assert.Single(lower.Lines).Description);
        Assert.Equal(45.5m, lower.Lines.Sum(l => l.Amount));
        var (_, byRoute) = await sandbox.StatsAsync();
        Assert.Equal(2, (int)byRoute["POST /finance/accounting/export"]!);
    }

    [Fact]
    public async Task Invoices_whose_numbers_differ_only_in_case_are_batched_with_their_own_gl_entries()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 2, companies: 3, seedInvoices:
        [
            SeedInvoice(79001, "CASE-7", 101, "Upper-case invoice work", 120m),
            SeedInvoice(79002, "case-7", 102, "Lower-case invoice work", 45.5m),
        ]);

        var results = await sandbox.Source().MarkSyncedAsync("case-chunk", Marks(79001, 79002));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var batch = Assert.Single(await sandbox.StateAsync("batches"))!;
        Assert.Equal([79001, 79002], ((JsonArray)batch["invoiceIds"]!).Select(n => (int)n!).ToArray());
    }

    [Fact]
    public async Task Invoice_another_tool_batched_after_listing_is_named_and_its_mark_is_already_there()
    {
        var logs = new CapturingLogs();
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5, problems: [new { kind = "batchedByAnotherTool", vendor = "connectwise", invoiceId = 70002 }]);
        var source = sandbox.Source(configureServices: s => s.AddLogging(b => b.AddProvider(logs)));

        var listed = await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru)));

        var taken = listed.Single(i => i.Id == "70002");
        Assert.Empty(taken.Lines);
        Assert.Equal("ConnectWise has no unbatched GL entries for this invoice; another accounting batch already exported it", taken.NotPostableReason);
        Assert.All(listed.Where(i => i.Id != "70002"), i => Assert.Null(i.NotPostableReason));
        Assert.Contains(logs.Lines, l => l.Contains("INV-10002", StringComparison.Ordinal)
            && l.Contains("ConnectWise has no unbatched GL entries for this invoice; another accounting batch already exported it", StringComparison.Ordinal));
        Assert.All(listed.Where(i => i.Id != "70002"), i => Assert.NotEmpty(i.Lines));
        var marked = await source.MarkSyncedAsync("after-other-tool", Marks(70002));
        Assert.True(marked.Single().Succeeded, marked.Single().Error);
        Assert.Equal("OtherTool-70002", (string)Assert.Single(await sandbox.StateAsync("batches"))!["batchIdentifier"]!);
    }

    [Fact]
    public async Task Batch_refused_for_an_invoice_deleted_meanwhile_marks_its_neighbours_in_the_same_call()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, problems: [new { kind = "deletedBeforeBatch", vendor = "connectwise", invoiceId = 70002 }]);
        var source = sandbox.Source();

        var results = await source.MarkSyncedAsync("chunk-del", Marks(70001, 70002, 70003));

        Assert.True(results[0].Succeeded, results[0].Error);
        Assert.False(results[1].Succeeded);
        Assert.Contains("for invoice INV-10002", results[1].Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", results[1].Error, StringComparison.Ordinal);
        Assert.True(results[2].Succeeded, results[2].Error);
        var batch = Assert.Single(await sandbox.StateAsync("batches"))!;
        Assert.StartsWith("chunk-del-S", (string)batch["batchIdentifier"]!, StringComparison.Ordinal);
        Assert.Equal([70001, 70003], ((JsonArray)batch["invoiceIds"]!).Select(n => (int)n!).ToArray());
        var (_, byRoute) = await sandbox.StatsAsync();
        Assert.Equal(2, (int)byRoute["POST /finance/accounting/batches"]!);

        // The chunk again (a recovery's repeat): the deleted invoice is not found, the others are batched already.
        var again = await source.MarkSyncedAsync("chunk-del", Marks(70001, 70002, 70003));
        Assert.True(again[0].Succeeded && again[2].Succeeded);
        Assert.Contains("not found", again[1].Error, StringComparison.Ordinal);
        Assert.Single(await sandbox.StateAsync("batches"));
    }

    [Fact]
    public async Task Refusal_naming_no_record_is_narrowed_by_halving_until_only_that_invoice_is_red()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 10, problems: [new { kind = "refuseBatch", vendor = "connectwise", invoiceId = 70005 }]);
        var source = sandbox.Source();
        int[] chunk = [70001, 70002, 70003, 70004, 70005, 70006, 70007, 70008];

        var results = await source.MarkSyncedAsync("chunk-half", Marks(chunk));

        for (var i = 0; i < chunk.Length; i++)
        {
            Assert.True(chunk[i] == 70005 ? !results[i].Succeeded : results[i].Succeeded, $"{chunk[i]}: {results[i].Error}");
        }

        Assert.Contains("for invoice INV-10005", results[4].Error, StringComparison.Ordinal);
        var batched = (await sandbox.StateAsync("batches")).SelectMany(b => ((JsonArray)b!["invoiceIds"]!).Select(n => (int)n!)).Order().ToArray();
        Assert.Equal(chunk.Where(id => id != 70005).ToArray(), batched);
        var (_, byRoute) = await sandbox.StatsAsync();

        // 8 refused → 70001–70004 batched, 70005–70008 refused → 70005–70006 refused, 70007–70008 batched → 70005 red,
        // 70006 batched: 7 attempts, 3 batches; 70005 and the two invoices outside the chunk stay pending.
        Assert.Equal(7, (int)byRoute["POST /finance/accounting/batches"]!);
        Assert.Equal(3, (await sandbox.StateAsync("batches")).Count);
        Assert.Equal(["70005", "70009", "70010"], (await ToListAsync(source.GetInvoicesAsync(new PsaInvoiceQuery(FarThru)))).Select(i => i.Id).Order().ToArray());
    }

    [Fact]
    public async Task Refusal_of_every_invoice_in_the_batch_needs_no_halving()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 6, problems:
        [
            new { kind = "deletedBeforeBatch", vendor = "connectwise", invoiceId = 70001 },
            new { kind = "deletedBeforeBatch", vendor = "connectwise", invoiceId = 70002 },
        ]);

        var results = await sandbox.Source().MarkSyncedAsync("chunk-all", Marks(70001, 70002));

        Assert.All(results, r => Assert.Contains("does not exist", r.Error, StringComparison.Ordinal));
        var (_, byRoute) = await sandbox.StatsAsync();
        Assert.Equal(1, (int)byRoute["POST /finance/accounting/batches"]!);
        Assert.Empty(await sandbox.StateAsync("batches"));
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
