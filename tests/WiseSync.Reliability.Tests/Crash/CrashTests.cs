using WiseSync.Reliability.Tests.Processes;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Crash;

/// <summary>
/// The central promise under SIGKILL: the built console harness syncs against a sandbox in another process and is killed
/// at seeded random moments, many times in a row; then a clean run. Every pending PSA invoice must end in accounting
/// exactly once and marked synced in the PSA (or be red for a reason a dry run already gave), with no intent in flight.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "connectwise", "quickbooks" },
        { "autotask", "quickbooks" },
        { "connectwise", "xero" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Killed_many_times_then_a_clean_run_posts_every_invoice_exactly_once(string psa, string accounting)
    {
        var invoices = TestSettings.CrashInvoices;
        var kills = TestSettings.CrashKills;
        var random = new Random(TestSettings.CrashSeed + psa.Length * 31 + accounting.Length);
        var folder = Directory.CreateTempSubdirectory("wisesync-crash-");
        await using var sandbox = await SandboxProcess.StartAsync(invoices);
        var scenario = new CrashScenario(sandbox, psa, accounting, Path.Combine(folder.FullName, "ledger.db"));

        var pending = await scenario.PendingAsync();
        Assert.NotEmpty(pending);

        // What is red before anything is written: a dry run's red lights are the only reds allowed at the end.
        var plan = await HarnessProcess.RunAsync(scenario.Args("sync", "--dry-run"));
        var plannedRed = CrashScenario.RedNumbers(plan);

        // Kill moments spread from start-up to past a whole run (~25 ms per invoice here); a run that ends first is counted.
        var landed = 0;
        var finishedEarly = 0;
        for (var i = 0; i < kills; i++)
        {
            var delay = TimeSpan.FromMilliseconds(300 + random.Next(0, 25 * invoices));
            var outcome = await scenario.SyncAsync(delay);
            if (outcome.Killed)
            {
                landed++;
            }
            else
            {
                finishedEarly++;
                Assert.True(outcome.ExitCode is 0 or 1, $"run {i} exited {outcome.ExitCode}\n{outcome.Stderr}");
            }

            output.WriteLine($"run {i}: {(outcome.Killed ? "SIGKILL" : $"exit {outcome.ExitCode}")} after {outcome.Elapsed.TotalMilliseconds:F0} ms (planned {delay.TotalMilliseconds:F0} ms)");
        }

        var clean = await scenario.SyncAsync();
        Assert.True(clean.ExitCode is 0 or 1, $"clean run exited {clean.ExitCode}\n{clean.Stderr}");
        var red = CrashScenario.RedNumbers(clean);

        var counts = await scenario.AccountingCountsAsync();
        var stillPending = (await scenario.PendingAsync()).ToHashSet(StringComparer.Ordinal);
        var duplicates = counts.Where(c => c.Value > 1).Select(c => $"{c.Key}×{c.Value}").ToList();
        var lost = pending.Where(n => !plannedRed.Contains(n) && (counts.GetValueOrDefault(n) != 1 || stillPending.Contains(n))).ToList();
        var redWritten = plannedRed.Where(n => counts.ContainsKey(n)).ToList();
        var intents = scenario.IntentsInFlight();

        var summary = $"{psa}×{accounting}: {invoices} invoices, {pending.Count} pending, {kills} kill attempts, {landed} SIGKILLs landed, " +
            $"{finishedEarly} runs finished first; red planned {plannedRed.Count}, red at the end {red.Count}; duplicates {duplicates.Count}, lost {lost.Count}, intents in flight {intents}";
        output.WriteLine(summary);
        Console.WriteLine("CRASH " + summary);

        Assert.True(duplicates.Count == 0, $"duplicates in {accounting}: {string.Join(", ", duplicates)}");
        Assert.True(lost.Count == 0, $"lost (not exactly once in {accounting}, or still pending in {psa}): {string.Join(", ", lost.Take(20))}");
        Assert.True(redWritten.Count == 0, $"red in the dry run yet written to {accounting}: {string.Join(", ", redWritten)}");
        Assert.True(red.SetEquals(plannedRed.Intersect(pending)), $"red at the end differs from the dry run: {string.Join(", ", red.Except(plannedRed))} / {string.Join(", ", plannedRed.Except(red))}");
        Assert.Equal(0, intents);
        Assert.True(landed > 0, "no SIGKILL landed inside a run: the kill delays are too long for this machine");

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
