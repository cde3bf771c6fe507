using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using WiseSync.Sandbox;

namespace WiseSync.Benchmarks.E2e;

/// <summary>
/// <c>e2e --invoices N --psa P --accounting A [--time-scale X] [--companies C]</c>: one sandbox in this process (vendor
/// limits on, windows X times faster), our pipeline, a reset, the naive baseline, a table, and the RESULT line of CONTRACTS §3.
/// </summary>
internal static class E2eCommand
{
    private static readonly LocalDate Thru = new(2026, 11, 21);

    public static async Task<int> RunAsync(HarnessArgs args, CancellationToken cancellationToken)
    {
        var invoices = args.Int("--invoices", 600);
        var psa = args.String("--psa", "autotask");
        var accounting = args.String("--accounting", "xero");
        var timeScale = args.Double("--time-scale", 60);
        var companies = args.Int("--companies", 20);
        if ((psa, accounting) is not (("autotask", "xero") or ("connectwise", "quickbooks")))
        {
            Console.Error.WriteLine($"e2e: {psa} → {accounting} has no naive baseline in this build; autotask → xero and connectwise → quickbooks do.");
            return 2;
        }

        // --sandbox-log shows the sandbox's own errors (an emulator's 500s) on stderr.
        var sandboxOptions = new SandboxOptions { Invoices = invoices, Companies = companies, TimeScale = timeScale, RateLimits = true };
        await using var sandbox = args.Has("--sandbox-log")
            ? await SandboxServer.StartAsync(sandboxOptions, TimeProvider.System, logging => logging.SetMinimumLevel(LogLevel.Error).AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace), cancellationToken).ConfigureAwait(false)
            : await SandboxServer.StartAsync(sandboxOptions, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        Console.Error.WriteLine($"e2e: sandbox {sandbox.BaseUrl} with {invoices} invoices, {companies} companies, time scale {timeScale}");

        // Ours: once untimed, so neither run pays for starting the in-process sandbox's and the clients' code, then timed.
        if (!args.Has("--no-warmup"))
        {
            await RunOursAsync(sandbox, psa, accounting, new RoundTrips(), cancellationToken).ConfigureAwait(false);
            await ResetAsync(http, cancellationToken).ConfigureAwait(false);
        }

        var ourTrips = new RoundTrips();
        var (report, ourSeconds) = await RunOursAsync(sandbox, psa, accounting, ourTrips, cancellationToken).ConfigureAwait(false);
        var ourStats = await VendorCalls.ReadAsync(http, cancellationToken).ConfigureAwait(false);
        foreach (var red in report.Invoices.Where(r => r.Status == SyncStatus.Error).Take(5))
        {
            Console.Error.WriteLine($"ours: {red.Number} red: {string.Join(" | ", red.Messages)}");
        }

        // Same data again for the baseline.
        await ResetAsync(http, cancellationToken).ConfigureAwait(false);

        var naiveTrips = new RoundTrips();
        using var naiveHandler = naiveTrips.Timer();
        naiveHandler.InnerHandler = new SocketsHttpHandler();
        using var naiveHttp = new HttpClient(naiveHandler) { Timeout = TimeSpan.FromMinutes(2) };
        INaiveRun naive = psa == "autotask" ? new NaiveAutotaskToXero(sandbox, naiveHttp) : new NaiveConnectWiseToQuickBooks(sandbox, naiveHttp);
        var watch = Stopwatch.StartNew();
        await naive.RunAsync(Thru.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var naiveSeconds = watch.Elapsed.TotalSeconds;
        var naiveStats = await VendorCalls.ReadAsync(http, cancellationToken).ConfigureAwait(false);

        var ours = Figures(ourStats, psa, accounting, ourSeconds);
        var baseline = Figures(naiveStats, psa, accounting, naiveSeconds);
        VendorFloor[] ourFloors = [VendorLimits.Floor(psa, ourStats[psa].ByRoute, ourTrips.MedianSeconds(psa), timeScale), VendorLimits.Floor(accounting, ourStats[accounting].ByRoute, ourTrips.MedianSeconds(accounting), timeScale)];
        VendorFloor[] naiveFloors = [VendorLimits.Floor(psa, naiveStats[psa].ByRoute, naiveTrips.MedianSeconds(psa), timeScale), VendorLimits.Floor(accounting, naiveStats[accounting].ByRoute, naiveTrips.MedianSeconds(accounting), timeScale)];
        var floor = VendorLimits.FloorSeconds(ourFloors);
        var strict = VendorLimits.StrictSeconds(ourFloors);
        var naiveFloor = VendorLimits.FloorSeconds(naiveFloors);

        Console.WriteLine();
        Console.WriteLine($"{psa} → {accounting}, {invoices} invoices, {companies} companies, vendor windows {timeScale}x faster");
        Console.WriteLine("| run | invoices posted | PSA calls | accounting calls | calls / invoice | 429s | max concurrent (PSA/acct) | seconds | floor for its calls (s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row("ours", report.Totals.Success + report.Totals.Warning, invoices, ours, ourStats, psa, accounting, floor));
        Console.WriteLine(Row("naive", naive.Posted, invoices, baseline, naiveStats, psa, accounting, naiveFloor));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accounting calls naive/ours = {Ratio(baseline.AccountingCalls, ours.AccountingCalls)}x, PSA calls naive/ours = {Ratio(baseline.PsaCalls, ours.PsaCalls)}x, time naive/ours = {naiveSeconds / ourSeconds:F1}x, ours/floor = {Times(ourSeconds, floor)}, ours/strict floor ({strict:F2} s) = {Times(ourSeconds, strict)}"));
        PrintFloors("ours", ourFloors);
        PrintFloors("naive", naiveFloors);
        Console.WriteLine();
        PrintRoutes("ours", ourStats, psa, accounting);
        PrintRoutes("naive", naiveStats, psa, accounting);

        var result = new
        {
            invoices,
            ours = new { psaCalls = ours.PsaCalls, accountingCalls = ours.AccountingCalls, throttled = ours.Throttled, seconds = Math.Round(ourSeconds, 2) },
            naive = new { psaCalls = baseline.PsaCalls, accountingCalls = baseline.AccountingCalls, throttled = baseline.Throttled, seconds = Math.Round(naiveSeconds, 2) },
            floorSeconds = Math.Round(floor, 2),
        };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return report.Totals.Error == 0 ? 0 : 1;
    }

    /// <summary>One run of ours on a fresh ledger: the registration a host would make, one PostToAccounting, timed from the run's start.</summary>
    private static async Task<(SyncReport Report, double Seconds)> RunOursAsync(SandboxServer sandbox, string psa, string accounting, RoundTrips trips, CancellationToken cancellationToken)
    {
        var ledgerPath = Path.Combine(Path.GetTempPath(), $"wisesync-e2e-{Environment.ProcessId}.db");
        SyncReport report;
        var watch = new Stopwatch();
        await using (var provider = OurRun.Build(sandbox, psa, accounting, ledgerPath, trips))
        {
            var pipeline = provider.GetRequiredService<ISyncPipelineFactory>().Create(OurRun.Connection);
            watch.Start();
            report = await pipeline.RunAsync(new SyncRequest(SyncAction.PostToAccounting, Thru), progress: null, cancellationToken).ConfigureAwait(false);
            watch.Stop();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { ledgerPath, ledgerPath + "-wal", ledgerPath + "-shm" })
        {
            File.Delete(file);
        }

        return (report, watch.Elapsed.TotalSeconds);
    }

    private static async Task ResetAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var reset = await http.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null, cancellationToken).ConfigureAwait(false);
        reset.EnsureSuccessStatusCode();
    }

    private sealed record RunFigures(long PsaCalls, long AccountingCalls, long Throttled, double Seconds);

    private static RunFigures Figures(IReadOnlyDictionary<string, VendorCalls> stats, string psa, string accounting, double seconds) =>
        new(stats[psa].Requests, stats[accounting].Requests, stats[psa].Throttled + stats[accounting].Throttled, seconds);

    private static string Row(string name, int posted, int invoices, RunFigures f, IReadOnlyDictionary<string, VendorCalls> stats, string psa, string accounting, double floor) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {posted}/{invoices} | {f.PsaCalls} | {f.AccountingCalls} | {(double)(f.PsaCalls + f.AccountingCalls) / Math.Max(1, invoices):F2} | {f.Throttled} | {stats[psa].MaxConcurrent}/{stats[accounting].MaxConcurrent} | {f.Seconds:F1} | {floor:F1} |");

    private static string Times(double seconds, double floor) =>
        floor > 0 ? (seconds / floor).ToString("F2", CultureInfo.InvariantCulture) + "x" : "n/a (floor 0)";

    private static string Ratio(long a, long b) => b == 0 ? "∞" : ((double)a / b).ToString("F1", CultureInfo.InvariantCulture);

    private static void PrintFloors(string name, VendorFloor[] floors)
    {
        foreach (var f in floors)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} {f.Vendor} floor {f.Seconds:F2} s = max(rate {f.RateSeconds:F2} s, concurrency {f.ConcurrencySeconds:F2} s at median round trip {f.MedianRoundTripSeconds * 1000:F1} ms, {VendorLimits.Concurrency(f.Vendor)} in flight); strict {f.StrictSeconds:F2} s (burst {f.BurstSeconds:F2} s)"));
        }
    }

    private static void PrintRoutes(string name, IReadOnlyDictionary<string, VendorCalls> stats, string psa, string accounting)
    {
        foreach (var vendor in new[] { psa, accounting })
        {
            var routes = string.Join(", ", stats[vendor].ByRoute.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));
            Console.WriteLine($"{name} {vendor}: {routes}");
        }
    }
}
