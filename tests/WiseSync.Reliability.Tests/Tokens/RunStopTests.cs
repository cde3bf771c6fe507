using System.Diagnostics;
using System.Text.Json;
using WiseSync.Reliability.Tests.Processes;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Tokens;

/// <summary>
/// Issue 17 items 5 and 6 through the built harness and a sandbox process, on both OAuth pairs: two 401s in a row on the
/// accounting writes do not red the run, a 401 even to the renewed token reds its chunk only, and a 503 asking for two hours
/// stops the run within seconds with the resume time instead of sleeping out the total timeout chunk after chunk.
/// </summary>
[Collection(TokenTrials.Collection)]
public sealed class RunStopTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "connectwise", "quickbooks" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Two_401s_in_a_row_do_not_red_the_run(string psa, string accounting)
    {
        var (folder, sandbox, scenario) = await StartAsync(psa, accounting, invoices: 70);
        await using (sandbox)
        {
            var pending = await PendingCountAsync(scenario);
            await scenario.AddFaultAsync(new { vendor = accounting, pathContains = scenario.WritePath, status = 401, count = 2 });

            var run = await scenario.SyncAsync();

            var report = TokenScenario.Report(run);
            var issued = await scenario.TokensIssuedAsync();
            var summary = $"{psa}×{accounting}: two 401s on {scenario.WritePath}: exit {run.ExitCode}, {report.Success} success / {report.Warning} warning / {report.Error} red of {pending}, tokens redeemed {issued}";
            output.WriteLine(summary);
            Console.WriteLine("TOKENS 401 " + summary);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Equal(0, report.Error);
            Assert.Equal(pending, report.Success + report.Warning);
            Assert.DoesNotContain(report.Messages, m => m.Contains("re-authorise", StringComparison.Ordinal));
            // The first token, then one renewal after the second 401 (the first 401 was asked again with the same token).
            Assert.Equal(2, issued);
        }

        TryDelete(folder);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_401_even_to_the_renewed_token_reds_one_chunk_and_the_run_goes_on(string psa, string accounting)
    {
        var (folder, sandbox, scenario) = await StartAsync(psa, accounting, invoices: 70);
        await using (sandbox)
        {
            var pending = await PendingCountAsync(scenario);
            await scenario.AddFaultAsync(new { vendor = accounting, pathContains = scenario.WritePath, status = 401, count = 3 });

            var first = await scenario.SyncAsync();
            var report = TokenScenario.Report(first);
            var second = await scenario.SyncAsync();
            var counts = await scenario.AccountingCountsAsync();

            var summary = $"{psa}×{accounting}: three 401s on {scenario.WritePath}: {report.Success} success / {report.Error} red of {pending}, then exit {second.ExitCode}; duplicates {counts.Count(c => c.Value > 1)}, posted {counts.Count}";
            output.WriteLine(summary);
            Console.WriteLine("TOKENS 401x3 " + summary);
            Assert.True(first.ExitCode is 0 or 1, first.Stderr);
            Assert.InRange(report.Error, 1, accounting == "xero" ? 50 : 30);
            Assert.True(report.Success > 0, "the run stopped after the refused chunk");
            Assert.DoesNotContain(report.Messages, m => m.Contains("re-authorise", StringComparison.Ordinal) || m.Contains("not attempted", StringComparison.Ordinal));
            Assert.True(second.ExitCode == 0, second.Stderr);
            Assert.Equal(pending, counts.Count);
            Assert.All(counts, c => Assert.Equal(1, c.Value));
        }

        TryDelete(folder);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_503_with_Retry_After_7200_stops_the_run_within_seconds_with_the_resume_time(string psa, string accounting)
    {
        var (folder, sandbox, scenario) = await StartAsync(psa, accounting, invoices: 70);
        await using (sandbox)
        {
            var pending = await PendingCountAsync(scenario);
            await scenario.AddFaultAsync(new { vendor = accounting, pathContains = scenario.WritePath, status = 503, retryAfterSeconds = 7200 });
            var watch = Stopwatch.StartNew();

            var run = await scenario.SyncAsync();

            watch.Stop();
            var report = TokenScenario.Report(run);
            var notAttempted = report.Messages.Count(m => m.Contains("not attempted", StringComparison.Ordinal) && m.Contains("retry after", StringComparison.Ordinal));
            var summary = $"{psa}×{accounting}: 503 Retry-After 7200 on {scenario.WritePath}: exit {run.ExitCode} after {watch.Elapsed.TotalSeconds:F1} s, {notAttempted} of {pending} not attempted with the resume time, {report.Success} success";
            output.WriteLine(summary);
            Console.WriteLine("TOKENS 503 " + summary);
            // Start-up, connection checks and customers included; sleeping out the Retry-After took 300 s per chunk before.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), summary);
            Assert.Equal(0, report.Success);
            Assert.Equal(pending, notAttempted);
            Assert.Equal(1, await WriteAttemptsAsync(scenario));
            Assert.NotNull(await StoppedReasonAsync(scenario, report.BatchId));
        }

        TryDelete(folder);
    }

    private static async Task<int> PendingCountAsync(TokenScenario scenario)
    {
        var pending = await HarnessProcess.RunAsync(scenario.Args("pending"));
        Assert.True(pending.ExitCode == 0, pending.Stderr);
        using var document = JsonDocument.Parse(pending.Stdout);
        return document.RootElement.GetProperty("invoices").GetArrayLength();
    }

    /// <summary>Requests the accounting emulator saw on the faulted write route: one means nothing was slept out and asked again.</summary>
    private static async Task<int> WriteAttemptsAsync(TokenScenario scenario)
    {
        using var log = JsonDocument.Parse(await scenario.Sandbox.GetTextAsync($"_sandbox/requests?vendor={scenario.Accounting}&limit=5000"));
        return log.RootElement.EnumerateArray().Count(r => r.GetProperty("path").GetString()!.Contains(scenario.WritePath, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string?> StoppedReasonAsync(TokenScenario scenario, string batchId)
    {
        var history = await HarnessProcess.RunAsync(scenario.Args("history").Where(a => a is not ("--thru" or TokenScenario.Thru)));
        Assert.True(history.ExitCode == 0, history.Stderr);
        using var batches = JsonDocument.Parse(history.Stdout);
        var batch = batches.RootElement.GetProperty("batches").EnumerateArray().Single(b => b.GetProperty("batchId").GetString() == batchId);
        return batch.GetProperty("stoppedReason").GetString();
    }

    private static async Task<(DirectoryInfo Folder, SandboxProcess Sandbox, TokenScenario Scenario)> StartAsync(string psa, string accounting, int invoices)
    {
        var folder = Directory.CreateTempSubdirectory("wisesync-runstop-");
        var sandbox = await SandboxProcess.StartAsync(invoices, companies: 6);
        return (folder, sandbox, new TokenScenario(sandbox, psa, accounting, Path.Combine(folder.FullName, "ledger.db")));
    }

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleanup.
        }
    }
}
