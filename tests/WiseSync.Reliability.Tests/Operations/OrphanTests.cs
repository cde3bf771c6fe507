using System.Text.Json;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Operations;

/// <summary>
/// Issue 17 item 4 (engine part): an invoice posted to accounting whose PSA mark the PSA refuses run after run is reported as
/// an orphan after <c>OrphanAfterFailedRuns</c> (3) runs — red, naming the accounting and the PSA ids — listed by
/// <c>orphans</c>, no longer retried, and dismissed by a person once resolved; it is never posted twice.
/// </summary>
public sealed class OrphanTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "connectwise", "quickbooks" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_mark_the_psa_keeps_refusing_becomes_an_orphan_after_three_runs_and_is_not_retried(string psa, string accounting)
    {
        await using var scenario = await OperationsScenario.StartAsync(psa, accounting, invoices: 10);
        var (id, number) = (await scenario.PendingAsync())[0];

        // The PSA refuses the synced mark of every write (Autotask: the invoice PATCH; ConnectWise: the GL batch).
        var (method, path) = psa == "autotask" ? ("PATCH", "/Invoices") : ("POST", "accounting/batches");
        await scenario.Sandbox.PostJsonAsync("_sandbox/faults", new { rules = new[] { new { vendor = psa, method, pathContains = path, status = 400 } } });

        var messages = new List<string>();
        for (var run = 1; run <= 3; run++)
        {
            var outcome = await scenario.SyncAsync("--invoice", id);
            Assert.True(outcome.ExitCode == 1, $"run {run}: exit {outcome.ExitCode}\n{outcome.Stderr}");
            var invoice = Assert.Single(OperationsScenario.Json(outcome).GetProperty("invoices").EnumerateArray());
            Assert.Equal("error", invoice.GetProperty("status").GetString());
            messages.Add(invoice.GetProperty("messages")[0].GetString()!);
        }

        Assert.Contains("1 of 3 runs failed", messages[0], StringComparison.Ordinal);
        Assert.Contains("2 of 3 runs failed", messages[1], StringComparison.Ordinal);
        Assert.StartsWith("Orphan:", messages[2], StringComparison.Ordinal);
        var orphans = await scenario.RunAsync("orphans");
        Assert.True(orphans.ExitCode == 0, orphans.Stderr);
        var orphan = Assert.Single(OperationsScenario.Json(orphans).GetProperty("orphans").EnumerateArray());
        var accountingId = orphan.GetProperty("accountingInvoiceId").GetString()!;
        Assert.Equal((id, "synced-mark", 3), (orphan.GetProperty("psaInvoiceId").GetString(), orphan.GetProperty("write").GetString(), orphan.GetProperty("failedRuns").GetInt32()));
        Assert.Contains($"(id {accountingId})", messages[2], StringComparison.Ordinal);
        Assert.Contains($"(id {id})", messages[2], StringComparison.Ordinal);

        // Not retried: a fourth run reports it red again and writes nothing to either side.
        var requestsBefore = await RequestCountsAsync(scenario);
        var fourth = await scenario.SyncAsync("--invoice", id);
        Assert.True(fourth.ExitCode == 1, fourth.Stderr);
        Assert.StartsWith("Orphan:", OperationsScenario.Json(fourth).GetProperty("invoices")[0].GetProperty("messages")[0].GetString(), StringComparison.Ordinal);
        var requestsAfter = await RequestCountsAsync(scenario);
        Assert.Equal(requestsBefore.Writes, requestsAfter.Writes);

        // A person resolves it (here: the PSA accepts marks again) and dismisses it; the next run marks it, still one document.
        using (var cleared = await scenario.Sandbox.Admin.DeleteAsync("_sandbox/faults"))
        {
            cleared.EnsureSuccessStatusCode();
        }

        var dismiss = await scenario.RunAsync("orphans", "--dismiss", id);
        Assert.True(dismiss.ExitCode == 0, dismiss.Stderr);
        Assert.Empty(OperationsScenario.Json(dismiss).GetProperty("orphans").EnumerateArray());
        var resolved = await scenario.SyncAsync("--invoice", id);
        Assert.True(resolved.ExitCode == 0, resolved.Stderr);
        Assert.Equal(1, (await scenario.AccountingCountsAsync()).GetValueOrDefault(number));
        Assert.DoesNotContain(number, (await scenario.PendingAsync()).Select(p => p.Number));
        var note = $"{psa}×{accounting}: mark refused in 3 runs → orphan (accounting {accountingId}, PSA {id}); 4th run wrote {requestsAfter.Writes - requestsBefore.Writes} requests; " +
            $"after dismiss: {number} ×{(await scenario.AccountingCountsAsync()).GetValueOrDefault(number)} in {accounting}, marked";
        output.WriteLine(note);
        Console.WriteLine("OPS " + note);
    }

    /// <summary>Write requests (anything but GET and the token endpoint) the sandbox has answered, all vendors.</summary>
    private static async Task<(int Writes, int All)> RequestCountsAsync(OperationsScenario scenario)
    {
        using var document = JsonDocument.Parse(await scenario.Sandbox.GetTextAsync("_sandbox/stats"));
        int writes = 0, all = 0;
        foreach (var vendor in document.RootElement.EnumerateObject())
        {
            foreach (var route in vendor.Value.GetProperty("byRoute").EnumerateObject())
            {
                all += route.Value.GetInt32();
                var isQuery = route.Name.StartsWith("GET ", StringComparison.Ordinal) || route.Name.Contains("/query", StringComparison.Ordinal)
                    || route.Name.Contains("token", StringComparison.Ordinal) || route.Name.Contains("/export", StringComparison.Ordinal);
                writes += isQuery ? 0 : route.Value.GetInt32();
            }
        }

        return (writes, all);
    }
}
