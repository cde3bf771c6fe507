using System.Text.Json;
using WiseSync.Benchmarks.E2e;

namespace WiseSync.Benchmarks.Tests;

/// <summary>
/// The e2e command's last line is the RESULT contract of CONTRACTS §3; scripts parse it. A small run (30 invoices) checks
/// its shape and that ours and the naive baseline were both measured on the sandbox.
/// </summary>
public sealed class E2eResultLineTests
{
    [Theory]
    [InlineData("autotask", "xero")]
    [InlineData("connectwise", "quickbooks")]
    public async Task Small_run_ends_with_the_contract_result_line(string psa, string accounting)
    {
        var output = new StringWriter();
        var original = Console.Out;
        int exit;
        Console.SetOut(output);
        try
        {
            exit = await E2eCommand.RunAsync(new HarnessArgs(["--invoices", "30", "--companies", "5", "--psa", psa, "--accounting", accounting]), CancellationToken.None);
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(0, exit);
        Assert.StartsWith("RESULT {", lines[^1], StringComparison.Ordinal);
        using var result = JsonDocument.Parse(lines[^1]["RESULT ".Length..]);
        var root = result.RootElement;
        Assert.Equal(["invoices", "ours", "naive", "floorSeconds"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(30, root.GetProperty("invoices").GetInt32());
        foreach (var run in new[] { "ours", "naive" })
        {
            var figures = root.GetProperty(run);
            Assert.Equal(["psaCalls", "accountingCalls", "throttled", "seconds"], figures.EnumerateObject().Select(p => p.Name));
            Assert.True(figures.GetProperty("psaCalls").GetInt64() > 0, run);
            Assert.True(figures.GetProperty("accountingCalls").GetInt64() > 0, run);
            Assert.True(figures.GetProperty("seconds").GetDouble() > 0, run);
        }

        var ours = root.GetProperty("ours");
        var naive = root.GetProperty("naive");
        Assert.Equal(0, ours.GetProperty("throttled").GetInt64());
        Assert.True(ours.GetProperty("accountingCalls").GetInt64() < naive.GetProperty("accountingCalls").GetInt64());
        Assert.True(root.GetProperty("floorSeconds").GetDouble() > 0);
    }
}
