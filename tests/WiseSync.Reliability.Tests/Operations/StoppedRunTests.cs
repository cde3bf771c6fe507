using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Operations;

/// <summary>
/// Issue 17 item 8: a run that stops early (the accounting system asks to come back in two hours) exits 3, not 0, and says
/// why on stderr; the next run posts what it did not reach, nothing twice.
/// </summary>
public sealed class StoppedRunTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "connectwise", "quickbooks" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_run_stopped_by_a_long_retry_after_exits_3_and_the_next_run_posts_the_rest_exactly_once(string psa, string accounting)
    {
        await using var scenario = await OperationsScenario.StartAsync(psa, accounting, invoices: 60);
        var all = (await scenario.PendingAsync()).Select(p => p.Number).ToList();

        // Every invoice write answers 429 with Retry-After 7200 s (two hours): far beyond what the SDK waits.
        var writes = accounting == "xero" ? "/Invoices" : "/batch";
        await scenario.Sandbox.PostJsonAsync("_sandbox/faults", new { rules = new[] { new { vendor = accounting, pathContains = writes, status = 429, retryAfterSeconds = 7200 } } });
        var stopped = await scenario.SyncAsync();

        Assert.True(stopped.ExitCode == 3, $"a stopped run exits 3, got {stopped.ExitCode}\n{stopped.Stderr}");
        Assert.Contains("Stopped early:", stopped.Stderr, StringComparison.Ordinal);
        var report = OperationsScenario.Json(stopped);
        var notAttempted = report.GetProperty("invoices").EnumerateArray()
            .Count(i => i.GetProperty("status").GetString() == "warning" && i.GetProperty("messages").EnumerateArray().Any(m => m.GetString()!.StartsWith("not attempted", StringComparison.Ordinal)));
        Assert.True(notAttempted > all.Count / 2, $"most invoices are reported not attempted ({notAttempted} of {all.Count})");
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(45), $"the stop took {stopped.Elapsed}");

        using (var cleared = await scenario.Sandbox.Admin.DeleteAsync("_sandbox/faults"))
        {
            cleared.EnsureSuccessStatusCode();
        }

        var next = await scenario.SyncAsync();
        Assert.True(next.ExitCode == 0, next.Stderr);
        var (duplicates, lost) = await scenario.AssertExactlyOnceAsync(all);
        var note = $"{psa}×{accounting}: stopped run exit {stopped.ExitCode} after {stopped.Elapsed.TotalSeconds:F1} s with {notAttempted} of {all.Count} not attempted; " +
            $"next run exit {next.ExitCode}; duplicates {duplicates}, lost {lost}";
        output.WriteLine(note);
        Console.WriteLine("OPS " + note);
    }
}
