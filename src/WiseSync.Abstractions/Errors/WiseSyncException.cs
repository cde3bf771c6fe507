using NodaTime;

namespace WiseSync;

/// <summary>The base of WiseSync's exceptions. Messages never contain secrets.</summary>
public class WiseSyncException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WiseSyncException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public WiseSyncException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>Which vendor limit was reached.</summary>
public enum RateLimitKind
{
    /// <summary>Too many requests at once.</summary>
    Concurrency,

    /// <summary>A short window (per minute / per second).</summary>
    ShortWindow,

    /// <summary>A long window (Xero's per day, Autotask's per hour) — not worth retrying now.</summary>
    LongWindow,
}

/// <summary>A vendor limit stops the work; retry after <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitedException : WiseSyncException
{
    /// <summary>Creates the exception.</summary>
    public RateLimitedException(string vendor, RateLimitKind kind, string limitName, Duration? retryAfter, Instant? retryAt = null)
        : base($"{vendor} {limitName} reached" + (retryAt is { } at ? $", retry after {at}" : retryAfter is { } d ? $", retry after {d.TotalSeconds:0} s" : string.Empty))
    {
        Vendor = vendor;
        Kind = kind;
        LimitName = limitName;
        RetryAfter = retryAfter;
        RetryAt = retryAt;
    }

    /// <summary>The vendor whose limit was reached.</summary>
    public string Vendor { get; }

    /// <summary>Which kind of limit.</summary>
    public RateLimitKind Kind { get; }

    /// <summary>The limit's name ("daily limit", "hourly budget").</summary>
    public string LimitName { get; }

    /// <summary>How long to wait, when known.</summary>
    public Duration? RetryAfter { get; }

    /// <summary>When to retry, when known.</summary>
    public Instant? RetryAt { get; }
}

/// <summary>Authentication failed; the connection must be re-authorised or its credentials fixed.</summary>
public sealed class AuthenticationException : WiseSyncException
{
    /// <summary>Creates the exception.</summary>
    public AuthenticationException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>Configuration is missing or wrong (bad option, missing setting, permission).</summary>
public sealed class ConfigurationException : WiseSyncException
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The vendor refused a request; <see cref="VendorMessages"/> holds its own words.</summary>
public sealed class VendorValidationException : WiseSyncException
{
    /// <summary>Creates the exception.</summary>
    public VendorValidationException(string vendor, IReadOnlyList<string> vendorMessages, int? statusCode = null)
        : base($"{vendor} refused the request: {string.Join("; ", vendorMessages)}")
    {
        Vendor = vendor;
        VendorMessages = vendorMessages;
        StatusCode = statusCode;
    }

    /// <summary>The vendor.</summary>
    public string Vendor { get; }

    /// <summary>The vendor's messages.</summary>
    public IReadOnlyList<string> VendorMessages { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? StatusCode { get; }
}

/// <summary>Another run of the same connection holds the lease.</summary>
public sealed class SyncAlreadyRunningException : WiseSyncException
{
    /// <summary>Creates the exception.</summary>
    public SyncAlreadyRunningException(string connection, string holder)
        : base($"A sync of connection '{connection}' is already running ({holder}); wait for it to finish.")
    {
        Connection = connection;
    }

    /// <summary>The connection name.</summary>
    public string Connection { get; }
}
