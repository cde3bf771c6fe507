using NodaTime;
using WiseSync.Xero.Api;
using static WiseSync.Xero.Tests.Contracts.XeroWireMock;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests.Contracts;

/// <summary>Token, connections, organisation and the error answers of authentication, on Xero's published samples.</summary>
public sealed class ConnectionContractTests
{
    [Fact]
    public async Task Recorded_token_connections_and_organisation_answers_connect_the_sink()
    {
        await using var xero = Start();
        var sink = xero.Sink();

        var result = await sink.TestConnectionAsync();
        var link = await sink.GetInvoiceLinkAsync("ed255415-e141-4150-aab7-89c3bbbb851c");

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("Demo Company (NZ)", result.Message, StringComparison.Ordinal);
        Assert.Equal("https://go.xero.com/app/!1lqVQ/invoicing/view/ed255415-e141-4150-aab7-89c3bbbb851c", link?.AbsoluteUri);
        Assert.Single(xero.Server.LogEntries, e => e.RequestMessage.Path == "/identity/connect/token");
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Lock_dates_of_the_published_organisation_sample_are_read_from_ms_json_dates()
    {
        // organisation-spec.json: PeriodLockDate and EndOfYearLockDate "/Date(1546214400000+0000)/" = 2018-12-31.
        await using var xero = Start("organisation-spec.json");

        var result = Assert.Single(await xero.Sink().UpsertInvoicesAsync([Invoice("INV-LOCKED", "c-1", date: new LocalDate(2018, 12, 1))]));

        Assert.Null(result.Invoice);
        Assert.Contains("2018-12-31", result.Error, StringComparison.Ordinal);
        Assert.Empty(xero.Sent("PUT", "Invoices"));
        xero.AssertEveryRequestMatched();
    }

    [Fact]
    public async Task Xero_401_body_becomes_an_authentication_error_naming_the_connection()
    {
        await using var xero = Start(organisationFixture: string.Empty);
        xero.Server.Given(XeroApi("GET", "Organisation")).RespondWith(Json(Fixture("error-401-token-expired.json"), 401));

        var result = await xero.Sink().TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient, result.Message);
        Assert.Contains(Connection, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xero_403_body_becomes_a_configuration_error()
    {
        await using var xero = Start(organisationFixture: string.Empty);
        xero.Server.Given(XeroApi("GET", "Organisation")).RespondWith(Json(Fixture("error-403-forbidden.json"), 403));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => xero.Sink().GetInvoiceLinkAsync("x"));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }
}
