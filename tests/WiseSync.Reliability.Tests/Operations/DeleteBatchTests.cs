using System.Diagnostics;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Operations;

/// <summary>
/// Issue 17 item 7: <c>delete-batch</c> SIGKILLed midway, a sync that posts the cleared invoices again, then <c>delete-batch</c>
/// repeated. The repeat must finish the job and un-sync only the invoices the batch still owns, never the newer batch's.
/// </summary>
public sealed class DeleteBatchTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "connectwise", "quickbooks" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_killed_delete_batch_repeated_unsyncs_only_its_own_invoices(string psa, string accounting)
    {
        await using var scenario = await OperationsScenario.StartAsync(psa, accounting, invoices: 60);
        var all = (await scenario.PendingAsync()).Select(p => p.Number).ToList();
        var first = await scenario.SyncAsync();
        Assert.True(first.ExitCode == 0, first.Stderr);
        var batchId = OperationsScenario.Json(first).GetProperty("batchId").GetString()!;

        // Slow the PSA's un-sync writes so the kill lands while they run: Autotask clears one PATCH per invoice, ConnectWise
        // deletes (and re-batches) accounting batches.
        var (clearRoute, delayMs) = psa == "autotask" ? ("PATCH /Invoices", 120) : ("DELETE /finance/accounting/batches/{id}", 800);
        var (method, path) = psa == "autotask" ? ("PATCH", "/Invoices") : ("DELETE", "accounting/batches/");
        await scenario.Sandbox.PostJsonAsync("_sandbox/faults", new { rules = new[] { new { vendor = psa, method, pathContains = path, delayMs } } });
        var clearsBefore = await RouteCountAsync(scenario, psa, clearRoute);

        // SIGKILL once the batch is stamped "deleting" and some marks are cleared: the signal is the ledger and the sandbox.
        using var deletion = KillableHarness.Start(scenario.Args(["delete-batch", batchId]));
        var midway = await WaitForAsync(async () =>
            scenario.LedgerScalar($"SELECT COUNT(*) FROM batches WHERE id = '{batchId}' AND deleting_at IS NOT NULL") == 1
            && await RouteCountAsync(scenario, psa, clearRoute) > clearsBefore + (psa == "autotask" ? 8 : 0), () => deletion.Exited.IsCompleted);
        deletion.Kill();
        var killed = await deletion.OutcomeAsync();
        Assert.True(midway && killed.Killed, $"the deletion ended before it could be killed (exit {killed.ExitCode}): {killed.Stderr}");
        output.WriteLine($"{psa}×{accounting}: delete-batch SIGKILLed after {killed.Elapsed.TotalMilliseconds:F0} ms");
        using (var cleared = await scenario.Sandbox.Admin.DeleteAsync("_sandbox/faults"))
        {
            cleared.EnsureSuccessStatusCode();
        }

        Assert.Equal("deleting", await scenario.BatchStateAsync(batchId));
        var unsynced = (await scenario.PendingAsync()).Select(p => p.Number).ToHashSet(StringComparer.Ordinal);
        Assert.True(unsynced.Count > 0 && unsynced.Count < all.Count, $"expected a deletion cut short, {unsynced.Count} of {all.Count} un-synced");

        // A newer batch syncs what the cut-short deletion cleared.
        var second = await scenario.SyncAsync();
        Assert.True(second.ExitCode == 0, second.Stderr);
        var newer = OperationsScenario.Json(second).GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.True(newer.SetEquals(unsynced), "the newer batch posts exactly what was un-synced");

        // The repeat finishes the deletion: only the invoices the first batch still owns are un-synced.
        var repeat = await scenario.RunAsync("delete-batch", batchId);
        Assert.True(repeat.ExitCode == 0, repeat.Stderr);
        Assert.True(OperationsScenario.Json(repeat).GetProperty("deleted").GetBoolean());
        var pendingAfter = (await scenario.PendingAsync()).Select(p => p.Number).ToHashSet(StringComparer.Ordinal);
        var newerUnsynced = pendingAfter.Intersect(newer).ToList();
        Assert.True(newerUnsynced.Count == 0, $"the repeat un-synced the newer batch's invoices: {string.Join(", ", newerUnsynced)}");
        Assert.True(pendingAfter.SetEquals(all.Except(newer)), "the repeat un-syncs every invoice the first batch still owned");

        // And a sync afterwards brings everything back, each invoice exactly once in accounting.
        var third = await scenario.SyncAsync();
        Assert.True(third.ExitCode == 0, third.Stderr);
        var (duplicates, lost) = await scenario.AssertExactlyOnceAsync(all);
        var note = $"{psa}×{accounting}: {all.Count} invoices, delete-batch killed with {unsynced.Count} un-synced, newer batch {newer.Count}, " +
            $"repeat un-synced {pendingAfter.Count} (newer batch's: {newerUnsynced.Count}); after a final sync duplicates {duplicates}, lost {lost}";
        output.WriteLine(note);
        Console.WriteLine("OPS " + note);

    }

    private static async Task<int> RouteCountAsync(OperationsScenario scenario, string vendor, string route)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await scenario.Sandbox.GetTextAsync("_sandbox/stats"));
        return document.RootElement.GetProperty(vendor).GetProperty("byRoute").TryGetProperty(route, out var count) ? count.GetInt32() : 0;
    }

    /// <summary>Polls a condition the processes make true (the ledger row, the sandbox's counters) until it holds or the run ended.</summary>
    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, Func<bool> finished)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (finished())
            {
                return false;
            }

            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // The harness is migrating or writing; look again.
            }

            await Task.Delay(20);
        }

        return false;
    }
}
