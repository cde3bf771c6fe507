using Microsoft.Extensions.Logging;

namespace WiseSync.Auth.Internal;

/// <summary>Token manager log lines; they name vendor and connection, never a token or secret.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "{Vendor} access token for connection '{Connection}' renewed ({GrantType}); valid until {ExpiresAt}")]
    public static partial void Renewed(ILogger logger, string vendor, string connection, OAuth2GrantType grantType, NodaTime.Instant expiresAt);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "{Vendor} token endpoint refused connection '{Connection}': {Error} (HTTP {StatusCode})")]
    public static partial void Refused(ILogger logger, string vendor, string connection, string error, int statusCode);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "{Vendor} answered 401 for connection '{Connection}'; renewing the access token and retrying once")]
    public static partial void Unauthorized(ILogger logger, string vendor, string connection);
}
