using WiseSync.Sandbox.Hosting;

namespace WiseSync.Sandbox.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Options_are_read_from_the_contract_arguments()
    {
        var options = Program.Parse(["--urls", "http://127.0.0.1:5599", "--seed", "3", "--companies", "7", "--invoices", "40", "--time-scale", "60", "--reference-date=2026-10-01", "--no-rate-limits"]);

        Assert.Equal("http://127.0.0.1:5599", options.Urls);
        Assert.Equal(3, options.Seed);
        Assert.Equal(7, options.Companies);
        Assert.Equal(40, options.Invoices);
        Assert.Equal(60, options.TimeScale);
        Assert.Equal(new DateOnly(2026, 10, 1), options.ReferenceDate);
        Assert.False(options.RateLimits);
    }

    [Theory]
    [InlineData("--time-scale", "0")]
    [InlineData("--seed", "three")]
    [InlineData("--bogus", "1")]
    public void Bad_arguments_are_a_usage_error(string name, string value) =>
        Assert.Throws<FormatException>(() => Program.Parse([name, value]));

    [Fact]
    public async Task A_zero_time_scale_is_refused_at_start()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SandboxServer.StartAsync(new SandboxOptions { TimeScale = 0 }));
    }
}
