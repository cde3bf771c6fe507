namespace WiseSync.Auth.Internal;

/// <summary>
/// The vendor answered 401 to a token it had just issued while still accepting the refresh token: a passing refusal of one
/// call, not a revoked authorisation. An <see cref="HttpRequestException"/> without a status, so the vendor client's retry
/// asks again (for a call safe to repeat) and <see cref="Http.TransientFaults"/> calls it passing; the run goes on.
/// </summary>
internal sealed class UnauthorizedCallException(string message) : HttpRequestException(message);
