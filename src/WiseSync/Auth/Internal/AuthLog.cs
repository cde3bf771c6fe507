using Microsoft.Extensions.Logging;

namespace WiseSync.Auth.Internal;

/// <summary>Token manager log lines; they name vendor and connection, never a token or secret.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "{Vendor} access token for connection '{Connection}' renewed ({GrantType}); valid until {ExpiresAt}")]
    public static partial void Renewed(ILogger logger, string vendor, string connection, OAuth2GrantType grantType, NodaTime.Instant expiresAt);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "{Vendor} token endpoint refused connection '{Connection}': {Error} (HTTP {StatusCode})")]
    public static partial void Refused(ILogger logger, string vendor, string connection, string error, int statusCode);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "{Vendor} answered 401 for connection '{Connection}'; asking again")]
    public static partial void Unauthorized(ILogger logger, string vendor, string connection);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "{Vendor} refused the newest refresh token of connection '{Connection}'; presenting the previous one, still within the grace window")]
    public static partial void PresentingPrevious(ILogger logger, string vendor, string connection);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "{Vendor} answered 401 for connection '{Connection}' to the access token it issued moments ago; the authorisation stands, so only this call fails{RequestId}")]
    public static partial void RefusedFreshToken(ILogger logger, string vendor, string connection, string requestId);
}
