using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Adversarial;

/// <summary>FsCheck drives the pipeline with generated hostile invoices; the invariants live in <see cref="AdversarialRun"/>.</summary>
public sealed class AdversarialPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Any_invoice_data_gives_one_result_each_and_writes_nothing_for_red_ones()
    {
        var cases = 0;
        var red = 0;
        var posted = 0;
        var property = Prop.ForAll(
            Arb.From(AdversarialGen.Case()),
            async (AdversarialCase @case) =>
            {
                Interlocked.Increment(ref cases);
                var report = await AdversarialRun.RunAndCheckAsync(@case);
                Interlocked.Add(ref red, report.Totals.Error);
                Interlocked.Add(ref posted, report.Invoices.Count(r => r.AccountingInvoiceId is not null));
            });

        var config = Config.QuickThrowOnFailure
            .WithMaxTest(TestSettings.PropertyCases)
            .WithReplay(new Replay(new Rnd(TestSettings.PropertySeed, 0x9E3779B97F4A7C15UL), null))
            .WithQuietOnSuccess(true);

        // Off the test's synchronisation context: FsCheck waits on the async property synchronously.
        await Task.Run(() => Check.One(config, property));

        var line = $"FsCheck: {cases} cases (seed {TestSettings.PropertySeed}), {red} red invoices, {posted} posted; all invariants held.";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(cases >= TestSettings.PropertyCases, $"only {cases} cases ran");
        Assert.True(red > 0 && posted > 0, "the generator must produce both red and posted invoices, or the property proves little");
    }
}
