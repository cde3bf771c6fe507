using System.Net;
using System.Text.Json;
using NodaTime;
using WiseSync.Http;

namespace WiseSync.Tests.Http;

/// <summary>What a vendor call's final failure says: "not now" (transient) or "not like this" (settings, credentials, request).</summary>
public sealed class TransientFaultsTests
{
    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new RateLimitedException("Xero", RateLimitKind.ShortWindow, "minute limit", Duration.FromSeconds(1)), true },
        { new VendorValidationException("Autotask", ["HTTP 503"], 503), true },
        { new VendorValidationException("Autotask", ["HTTP 500"], 500), true },
        { new VendorValidationException("Autotask", ["not found"], 404), false },
        { new VendorValidationException("Xero", ["bad request"], 400), false },
        { new HttpRequestException("refused", null, HttpStatusCode.BadGateway), true },
        { new HttpRequestException("not found", null, HttpStatusCode.NotFound), false },
        { new HttpRequestException(HttpRequestError.ConnectionError, "connection refused"), true },
        { new HttpRequestException("reset", new IOException("reset by peer")), true },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), false },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "certificate"), false },
        { new TimeoutException("attempt timed out"), true },
        { new TaskCanceledException("HttpClient.Timeout"), true },
        { new AuthenticationException("refused"), false },
        { new ConfigurationException("no tenant"), false },
        { new WiseSyncException("token endpoint answered HTTP 503", new HttpRequestException("HTTP 503", null, HttpStatusCode.ServiceUnavailable)), true },
        { new WiseSyncException("token endpoint answered HTTP 401", new HttpRequestException("HTTP 401", null, HttpStatusCode.Unauthorized)), false },
        { new WiseSyncException("unreadable answer"), false },
        { new WiseSyncException("unreadable answer", new JsonException("cut off")), true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Final_failure_is_classified(Exception failure, bool transient) =>
        Assert.Equal(transient, TransientFaults.IsTransient(failure, CancellationToken.None));

    [Fact]
    public void A_cancellation_the_caller_asked_for_is_not_a_vendor_failure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(TransientFaults.IsTransient(new TaskCanceledException(), cancelled.Token));
        Assert.False(TransientFaults.IsCallFailure(new TaskCanceledException(), cancelled.Token));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public void Status_is_classified(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, TransientFaults.IsTransientStatus(status));

    [Fact]
    public void Failed_connection_carries_the_classification()
    {
        var result = TransientFaults.FailedConnection("Xero answered 503", new HttpRequestException("HTTP 503", null, HttpStatusCode.ServiceUnavailable), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient);
        Assert.Equal("Xero answered 503", result.Message);
    }
}
