using WireMock.ResponseBuilders;
using WiseSync.Xero.Api;
using static WiseSync.Xero.Tests.Contracts.XeroWireMock;

namespace WiseSync.Xero.Tests.Contracts;

/// <summary>
/// 429 answers as Xero sends them: X-Rate-Limit-Problem in lower case (day, minute; recorded by tap-xero and in
/// Xero's own SDK issue threads, see Fixtures/xero/SOURCES.md) with Retry-After and the remaining-count headers.
/// </summary>
public sealed class RateLimitContractTests
{
    [Theory]
    [InlineData("day")]
    [InlineData("Day")]
    [InlineData("DAILY")]
    public async Task Day_problem_stops_at_once_as_the_daily_limit(string problem)
    {
        await using var xero = Start(organisationFixture: string.Empty);
        xero.Server.Given(XeroApi("GET", "Organisation")).RespondWith(Response.Create().WithStatusCode(429)
            .WithHeader("Retry-After", "3600").WithHeader("X-Rate-Limit-Problem", problem)
            .WithHeader("X-DayLimit-Remaining", "0").WithHeader("X-MinLimit-Remaining", "60"));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => xero.Sink().GetInvoiceLinkAsync("x"));

        Assert.Equal(RateLimitKind.LongWindow, error.Kind);
        Assert.Equal("daily limit", error.LimitName);
        Assert.Single(xero.Sent("GET", "Organisation"));
    }

    [Fact]
    public async Task Spent_day_without_a_problem_header_is_the_daily_limit_too()
    {
        await using var xero = Start(organisationFixture: string.Empty);
        xero.Server.Given(XeroApi("GET", "Organisation")).RespondWith(Response.Create().WithStatusCode(429)
            .WithHeader("Retry-After", "60").WithHeader("X-DayLimit-Remaining", "0"));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => xero.Sink().GetInvoiceLinkAsync("x"));

        Assert.Equal(RateLimitKind.LongWindow, error.Kind);
        Assert.Single(xero.Sent("GET", "Organisation"));
    }

    [Fact]
    public async Task Minute_problem_is_waited_out_and_retried()
    {
        await using var xero = Start(organisationFixture: string.Empty);
        xero.Server.Given(XeroApi("GET", "Organisation")).InScenario("minute").WillSetStateTo("retried")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0").WithHeader("X-Rate-Limit-Problem", "minute"));
        xero.Server.Given(XeroApi("GET", "Organisation")).InScenario("minute").WhenStateIs("retried")
            .RespondWith(Json(Fixture("organisation.json")));

        var result = await xero.Sink().TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, xero.Sent("GET", "Organisation").Count);
    }
}
