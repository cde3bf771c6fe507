using Microsoft.Extensions.Logging;

namespace WiseSync.Http.Internal;

/// <summary>Log lines of the vendor pipeline; they name vendor, route and status, never a header or a body.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "{Vendor} {Route} attempt {Attempt} answered {StatusCode} in {ElapsedMs:0} ms")]
    public static partial void Answered(ILogger logger, string vendor, string route, int attempt, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Vendor} {Route} attempt {Attempt} failed ({Outcome}); retrying in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string vendor, string route, int attempt, string outcome, double delayMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{Vendor} {LimitName} reached on {Route}; not retrying, retry after {RetryAfter}")]
    public static partial void LongWindowReached(ILogger logger, string vendor, string limitName, string route, TimeSpan retryAfter);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "{Vendor} {Route} attempt {Attempt} failed: {ExceptionType}")]
    public static partial void AttemptFailed(ILogger logger, string vendor, string route, int attempt, string exceptionType);
}
