using WiseSync.QuickBooks.Tests.Infrastructure;

namespace WiseSync.QuickBooks.Tests.Contracts;

/// <summary>Intuit's error answers as recorded from its sandbox: each is read, reported with its intuit_tid, and logged.</summary>
public sealed class ErrorContractTests
{
    [Fact]
    public async Task Intuits_401_with_lower_case_keys_and_a_numeric_time_is_read_and_names_its_intuit_tid()
    {
        var recorded = VendorSamples.Cassette("qbo_api/error_401.yml");
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.CompanyRequest($"companyinfo/{QuickBooksWireMock.RealmId}", "GET")).RespondWith(QuickBooksWireMock.Recorded(recorded));

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.False(result.Succeeded, result.Message);
        Assert.True(result.Message.Contains("Token expired", StringComparison.Ordinal), result.Message);
        Assert.False(result.IsTransient, result.Message);
        Assert.Contains("Token expired", result.Message, StringComparison.Ordinal);
        Assert.Contains("3200", result.Message, StringComparison.Ordinal);
        Assert.Contains(recorded.IntuitTid, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AB01601390262kxzxOlnHYdhtEVRXISU7piPqQrCmmbDN35Yjd", result.Message, StringComparison.Ordinal);
        // The plumbing asked once more with the unexpired token, then renewed it once and sent the call again; the 401 to
        // the renewed token fails this call alone, quoting Intuit's answer and its intuit_tid.
        Assert.Equal(2, qbo.TokenRequests().Count);
        Assert.Equal(3, qbo.ApiRequests("companyinfo").Count);
        Assert.Contains(qbo.Logs.Lines, l => l.Contains("intuit_tid " + recorded.IntuitTid, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("qbo_api/error_validation.yml", "Duplicate Name Exists Error", "6240")]
    [InlineData("qbo_api/error_400_json.yml", "Request has invalid or unsupported property", "2010")]
    public async Task A_validation_fault_recorded_from_intuit_for_a_whole_batch_names_the_error_and_its_intuit_tid(string cassette, string message, string code)
    {
        var recorded = VendorSamples.Cassette(cassette);
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Recorded(VendorSamples.Cassette("qbo_api/all_alt_select.yml", 4)));
        qbo.Server.Given(qbo.CompanyRequest("batch", "POST")).RespondWith(QuickBooksWireMock.Recorded(recorded));

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Weiskopf Consulting")]));

        Assert.Equal(400, recorded.Status);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains($"code {code}", error.Message, StringComparison.Ordinal);
        Assert.Contains("[HTTP 400]", error.Message, StringComparison.Ordinal);
        Assert.Contains($"[intuit_tid {recorded.IntuitTid}]", error.Message, StringComparison.Ordinal);
        Assert.Single(qbo.ApiRequests("batch"));
        Assert.Contains(qbo.Logs.Lines, l => l.Contains("intuit_tid " + recorded.IntuitTid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_refused_by_intuit_is_an_error_with_its_intuit_tid()
    {
        var recorded = VendorSamples.Cassette("qbo_api/error_400.yml", 1);
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal))).RespondWith(QuickBooksWireMock.Recorded(recorded));

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => qbo.Sink.FindCustomersAsync([Drafts.Customer("1", "Acme Widgets")]));

        Assert.Contains("QueryValidationError: invalid context declaration", error.Message, StringComparison.Ordinal);
        Assert.Contains("code 4001", error.Message, StringComparison.Ordinal);
        Assert.Contains(recorded.IntuitTid, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_fault_with_a_line_break_in_its_detail_is_read_whole()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Recorded(VendorSamples.Cassette("qbo_api/all_alt_select.yml", 4)));
        qbo.Server.Given(qbo.CompanyRequest("batch", "POST"))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("quickbooks-ruby/tax_service_error_dup.json"), 400));

        var error = await Assert.ThrowsAnyAsync<WiseSyncException>(() => qbo.Sink.EnsureCustomersAsync([Drafts.Customer("1", "Acme Widgets")]));

        Assert.Contains("Another tax rate is already using this \nname", error.Message, StringComparison.Ordinal);
        Assert.Contains("code 6240", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_throttle_answer_in_xml_is_a_rate_limit_of_the_realm()
    {
        await using var qbo = QuickBooksWireMock.Start(retries: 0);
        qbo.Server.Given(qbo.Query(q => q.StartsWith("select * from Customer", StringComparison.Ordinal)))
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("quickbooks-ruby/too_many_requests_error.xml"), 429, "application/xml"));

        var limited = await Assert.ThrowsAsync<RateLimitedException>(() => qbo.Sink.FindCustomersAsync([Drafts.Customer("1", "Acme Widgets")]));

        Assert.Equal(RateLimitKind.ShortWindow, limited.Kind);
        Assert.Equal(NodaTime.Duration.FromSeconds(60), limited.RetryAfter);
        Assert.Contains(qbo.Logs.Lines, l => l.Contains("code 3001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_500_to_a_read_is_asked_once_more_and_the_second_answer_counts()
    {
        await using var qbo = QuickBooksWireMock.Start();
        qbo.Server.Given(qbo.CompanyRequest($"companyinfo/{QuickBooksWireMock.RealmId}", "GET")).InScenario("500 once").WillSetStateTo("answered")
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("quickbooks-ruby/generic_error.xml"), 500, "application/xml"));
        qbo.Server.Given(qbo.CompanyRequest($"companyinfo/{QuickBooksWireMock.RealmId}", "GET")).InScenario("500 once").WhenStateIs("answered")
            .RespondWith(QuickBooksWireMock.Published(VendorSamples.Text("php-sdk/companyinfo.json")));

        var result = await qbo.Sink.TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, qbo.ApiRequests("companyinfo").Count);
    }
}
