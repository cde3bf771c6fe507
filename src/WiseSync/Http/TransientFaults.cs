using System.Net;
using System.Text.Json;
using Polly.Timeout;

namespace WiseSync.Http;

/// <summary>
/// Tells a passing vendor failure (unavailable, overloaded, throttled, unreachable for now) from one that repeats until
/// someone changes the settings, credentials or permissions. Providers use it after the plumbing's retries are spent,
/// e.g. to set <see cref="ConnectionTestResult.IsTransient"/>.
/// </summary>
public static class TransientFaults
{
    /// <summary>The statuses the vendor clients retry: 429, 502, 503 and 504.</summary>
    internal static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Whether an answer with <paramref name="status"/> says "not now" rather than "not like this": the retried statuses,
    /// 408 and 500 (the vendor's own failure; a provider whose vendor answers a permission problem with 500 maps that first).
    /// </summary>
    /// <param name="status">The HTTP status of the vendor's final answer.</param>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        IsRetryableStatus(status) || status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError;

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown by a vendor call after its retries, is passing: a rate limit, a
    /// transient status, a dropped or refused connection, a timeout (a cancellation not asked for by
    /// <paramref name="cancellationToken"/>), an answer that could not be read (a <see cref="System.Text.Json.JsonException"/>). Authentication, configuration and validation failures, a host name that does
    /// not resolve and a TLS failure are not. A plain <see cref="WiseSyncException"/> is judged by its inner exception.
    /// </summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="cancellationToken">The caller's token: a cancellation it asked for is not a vendor failure.</param>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AuthenticationException or ConfigurationException => false,
            RateLimitedException => true,
            VendorValidationException validation => validation.StatusCode is { } status && IsTransientStatus((HttpStatusCode)status),
            HttpRequestException { StatusCode: { } status } => IsTransientStatus(status),
            HttpRequestException http => http.HttpRequestError is not (HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                or HttpRequestError.UserAuthenticationError or HttpRequestError.ConfigurationLimitExceeded),
            IOException or TimeoutException or TimeoutRejectedException => true,

            // An answer that could not be read (cut off, a proxy's page): the reads' retries were spent on it, the next call may pass.
            JsonException => true,
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            WiseSyncException { InnerException: { } inner } => IsTransient(inner, cancellationToken),
            _ => false,
        };
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is a failure of the vendor call a connection test reports as its result rather
    /// than throws: any <see cref="WiseSyncException"/>, an HTTP, I/O or timeout failure, or a cancellation the caller did
    /// not ask for.
    /// </summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static bool IsCallFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is WiseSyncException or HttpRequestException or IOException or TimeoutException or TimeoutRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>A failed <see cref="ConnectionTestResult"/> whose <see cref="ConnectionTestResult.IsTransient"/> says whether <paramref name="exception"/> is passing.</summary>
    /// <param name="message">What failed, for the user (never a secret).</param>
    /// <param name="exception">What the call threw.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static ConnectionTestResult FailedConnection(string message, Exception exception, CancellationToken cancellationToken) =>
        new(false, message) { IsTransient = IsTransient(exception, cancellationToken) };
}
