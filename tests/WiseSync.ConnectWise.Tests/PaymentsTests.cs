using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using WiseSync.ConnectWise.Tests.Infrastructure;

namespace WiseSync.ConnectWise.Tests;

public sealed class PaymentsTests
{
    private static readonly LocalDate PaidOn = new(2026, 11, 25);

    [Fact]
    public async Task Payment_is_posted_once_even_when_the_call_is_repeated()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5);
        var source = sandbox.Source();
        var invoice = (await sandbox.StateAsync("invoices")).Single(i => (int)i!["id"]! == 70001)!;
        var total = (decimal)invoice["total"]!;

        var first = await source.SetPaidAsync([new PsaPaidMark("70001", PaidOn, total)]);
        var second = await source.SetPaidAsync([new PsaPaidMark("70001", PaidOn, total)]);

        Assert.True(first.Single().Succeeded, first.Single().Error);
        Assert.True(second.Single().Succeeded, second.Single().Error);
        var payments = await sandbox.StateAsync("payments");
        var payment = Assert.Single(payments)!;
        Assert.Equal(total, (decimal)payment["amount"]!);
        Assert.StartsWith("2026-11-25", (string)payment["paymentDate"]!, StringComparison.Ordinal);
        var after = (await sandbox.StateAsync("invoices")).Single(i => (int)i!["id"]! == 70001)!;
        Assert.Equal(0m, (decimal)after["balance"]!);
    }

    [Fact]
    public async Task A_larger_paid_amount_later_posts_only_the_difference()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 5);
        var source = sandbox.Source();
        var total = (decimal)(await sandbox.StateAsync("invoices")).Single(i => (int)i!["id"]! == 70002)!["total"]!;
        var part = Math.Round(total / 3, 2);

        await source.SetPaidAsync([new PsaPaidMark("70002", PaidOn, part)]);
        await source.SetPaidAsync([new PsaPaidMark("70002", PaidOn.PlusDays(5), total)]);

        var amounts = (await sandbox.StateAsync("payments")).Select(p => (decimal)p!["amount"]!).ToList();
        Assert.Equal([part, total - part], amounts);
    }

    [Fact]
    public async Task Payment_for_an_unknown_invoice_is_red()
    {
        await using var sandbox = await CwSandbox.StartAsync(invoices: 3);
        var results = await sandbox.Source().SetPaidAsync([new PsaPaidMark("12345", PaidOn, 10m), new PsaPaidMark("70001", PaidOn, 1m)]);

        Assert.False(results[0].Succeeded);
        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.Single(await sandbox.StateAsync("payments"));
    }
}
