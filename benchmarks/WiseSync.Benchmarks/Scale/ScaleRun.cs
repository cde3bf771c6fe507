using System.Diagnostics;
using NodaTime;

namespace WiseSync.Benchmarks.Scale;

/// <summary>One post run of <see cref="SyncPipeline"/> over generated invoices, in this process, with its memory figures.</summary>
internal static class ScaleRun
{
    public sealed record Figures(int Invoices, long PeakWorkingSet, long WorkingSetAtEnd, long ManagedHeapAtEnd, long LiveHeapWithReport, long AllocatedBytes, double Seconds, int Success, int NotSuccess, long SinkInvoices, long UpsertCalls, long PsaMarked, long ContactCalls);

    public static async Task<Figures> RunAsync(int invoices, int companies, CancellationToken cancellationToken)
    {
        // The ledger is the real SQLite one; on tmpfs so the run measures the engine, not the disk's fsync.
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(folder, $"wisesync-scale-{Environment.ProcessId}-{invoices}.db");
        try
        {
            var ledger = new SqliteSyncLedger(new SqliteLedgerOptions { DatabasePath = path }, SystemClock.Instance);
            var psa = new GeneratedPsaSource(invoices, companies);
            var sink = new CountingAccountingSink();
            var pipeline = new SyncPipeline("scale", psa, sink, ledger, SystemClock.Instance);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var watch = Stopwatch.StartNew();
            var report = await pipeline.RunAsync(new SyncRequest(SyncAction.PostToAccounting, new LocalDate(2026, 11, 21)), progress: null, cancellationToken).ConfigureAwait(false);
            watch.Stop();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var totals = report.Totals;
            var heapAtEnd = GC.GetTotalMemory(forceFullCollection: false);

            // What stays alive while the caller holds the report: the report itself is one small result per invoice.
            var liveWithReport = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(report);
            return new Figures(
                invoices,
                process.PeakWorkingSet64,
                process.WorkingSet64,
                heapAtEnd,
                liveWithReport,
                GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore,
                watch.Elapsed.TotalSeconds,
                totals.Success,
                totals.Invoices - totals.Success,
                sink.Invoices,
                sink.UpsertCalls,
                psa.Marked,
                psa.ContactCalls);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
