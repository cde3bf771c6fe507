using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace WiseSync.Benchmarks.Scale;

/// <summary>
/// <c>scale --invoices N [--companies C]</c>: posts 10,000 and then N invoices through <see cref="SyncPipeline"/> against
/// in-memory fakes, each run in a fresh child process so its peak working set is its own, and compares the peaks
/// (acceptance: the N run within 1.5× of the 10k run).
/// </summary>
internal static class ScaleCommand
{
    private const int Baseline = 10_000;
    private const double Allowed = 1.5;

    public static async Task<int> RunAsync(HarnessArgs options, CancellationToken cancellationToken)
    {
        var invoices = options.Int("--invoices", 100_000);
        var companies = options.Int("--companies", 500);
        var runs = new List<ScaleRun.Figures>();
        foreach (var size in new[] { Math.Min(Baseline, invoices), invoices }.Distinct())
        {
            Console.Error.WriteLine($"scale: posting {size:N0} invoices in a child process...");
            runs.Add(await RunChildAsync(size, companies, cancellationToken).ConfigureAwait(false));
        }

        Console.WriteLine();
        Console.WriteLine("| invoices | peak working set | working set at end | managed heap at end | live heap holding the report | allocated | seconds | invoices/s | green | upsert calls | PSA contact calls |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Invoices:N0} | {Mb(r.PeakWorkingSet)} | {Mb(r.WorkingSetAtEnd)} | {Mb(r.ManagedHeapAtEnd)} | {Mb(r.LiveHeapWithReport)} | {Mb(r.AllocatedBytes)} | {r.Seconds:F1} | {r.Invoices / r.Seconds:N0} | {r.Success:N0} | {r.UpsertCalls:N0} | {r.ContactCalls:N0} |"));
        }

        var first = runs[0];
        var last = runs[^1];
        var ratio = (double)last.PeakWorkingSet / first.PeakWorkingSet;
        var pass = ratio <= Allowed && runs.All(r => r.Success == r.Invoices && r.SinkInvoices == r.Invoices && r.PsaMarked == r.Invoices);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {last.Invoices:N0} / {first.Invoices:N0} invoices = {ratio:F2}x (allowed {Allowed}x): {(pass ? "PASS" : "FAIL")}"));
        Console.WriteLine("SCALE " + JsonSerializer.Serialize(new
        {
            baseline = new { invoices = first.Invoices, peakWorkingSetMb = Math.Round(first.PeakWorkingSet / 1048576.0, 1), seconds = Math.Round(first.Seconds, 1) },
            run = new { invoices = last.Invoices, peakWorkingSetMb = Math.Round(last.PeakWorkingSet / 1048576.0, 1), seconds = Math.Round(last.Seconds, 1) },
            ratio = Math.Round(ratio, 2),
        }));
        return pass ? 0 : 1;
    }

    /// <summary><c>scale-run --invoices N --companies C</c> (internal): one run in this process, its figures as one JSON line.</summary>
    public static async Task<int> RunOneAsync(HarnessArgs options, CancellationToken cancellationToken)
    {
        var figures = await ScaleRun.RunAsync(options.Int("--invoices", Baseline), options.Int("--companies", 500), cancellationToken).ConfigureAwait(false);
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static async Task<ScaleRun.Figures> RunChildAsync(int invoices, int companies, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under `dotnet WiseSync.Benchmarks.dll` the process is the dotnet host: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScaleCommand).Assembly.Location);
        }

        foreach (var arg in new[] { "scale-run", "--invoices", invoices.ToString(CultureInfo.InvariantCulture), "--companies", companies.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the scale child process.");
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The scale run of {invoices} invoices exited with {child.ExitCode}.");
        }

        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        return JsonSerializer.Deserialize<ScaleRun.Figures>(line) ?? throw new InvalidOperationException("The scale run printed no figures.");
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");
}
