using WiseSync.Samples.Tests.Support;

namespace WiseSync.Samples.Tests.Console;

/// <summary>upSync's search options on <c>pending</c> and <c>sync</c>: <c>--from</c>/<c>--to</c>, <c>--division</c>, <c>--invoice</c>, <c>--include-synced</c>.</summary>
public sealed class SearchOptionTests
{
    [Fact]
    public async Task From_and_to_keep_only_invoices_dated_in_between()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 12, companies: 3);
        var all = Pending((await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru))).Json());
        var dates = all.Select(i => i.Date).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(dates.Count >= 3, "the sandbox dates its invoices on several days");
        var (from, to) = (dates[1], dates[^2]);

        var run = await HarnessRun.RunAsync(host.Args("pending", "--json", "--from", from, "--to", to));

        Assert.True(run.ExitCode == 0, run.ToString());
        var kept = Pending(run.Json());
        Assert.Equal(all.Count(i => string.CompareOrdinal(i.Date, from) >= 0 && string.CompareOrdinal(i.Date, to) <= 0), kept.Count);
        Assert.All(kept, i => Assert.InRange(i.Date, from, to));
    }

    [Fact]
    public async Task Invoice_on_pending_lists_only_those_invoices()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 6, companies: 2);
        var all = Pending((await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru))).Json());

        var run = await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru, "--invoice", all[0].Id, "--invoice", all[2].Id));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(new[] { all[0].Id, all[2].Id }.Order(StringComparer.Ordinal), Pending(run.Json()).Select(i => i.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Division_the_psa_does_not_use_lists_nothing_and_syncs_nothing()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 4, companies: 2);

        var pending = await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru, "--division", "No Such Division"));
        var sync = await HarnessRun.RunAsync(host.Args("sync", "--json", "--thru", SandboxHost.Thru, "--division", "No Such Division"));

        Assert.True(pending.ExitCode == 0, pending.ToString());
        Assert.Empty(Pending(pending.Json()));
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Equal(0, sync.Json().GetProperty("totals").GetProperty("invoices").GetInt32());
        Assert.Empty(await host.StateAsync("xero", "invoices"));
    }

    [Fact]
    public async Task Include_synced_lists_invoices_already_posted()
    {
        await using var host = await SandboxHost.StartAsync(invoices: 3, companies: 1);
        var all = Pending((await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru))).Json());
        var posted = await HarnessRun.RunAsync(host.Args("sync", "--json", "--thru", SandboxHost.Thru, "--invoice", all[0].Id));
        Assert.True(posted.ExitCode == 0, posted.ToString());

        var without = Pending((await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru))).Json());
        var with = Pending((await HarnessRun.RunAsync(host.Args("pending", "--json", "--thru", SandboxHost.Thru, "--include-synced"))).Json());

        Assert.DoesNotContain(without, i => i.Id == all[0].Id);
        Assert.Contains(with, i => i.Id == all[0].Id);
        Assert.Equal(all.Count, with.Count);
    }

    [Fact]
    public async Task From_after_to_exits_2_naming_both()
    {
        var run = await HarnessRun.RunAsync("pending", "--from", "2026-11-20", "--to", "2026-11-01", "--sandbox-url", "http://127.0.0.1:9");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--from", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--thru", run.Stderr, StringComparison.Ordinal);
    }

    private static List<(string Id, string Date)> Pending(System.Text.Json.JsonElement root) => root.GetProperty("invoices").EnumerateArray()
        .Select(i => (i.GetProperty("psaInvoiceId").GetString()!, i.GetProperty("date").GetString()!))
        .ToList();
}
