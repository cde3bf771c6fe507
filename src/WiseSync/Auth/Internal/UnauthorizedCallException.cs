using System.Net;

namespace WiseSync.Auth.Internal;

/// <summary>
/// The vendor answered 401 to an access token it had just issued while still accepting the refresh token: not a revoked
/// authorisation (that is <c>invalid_grant</c>, an <see cref="AuthenticationException"/> that stops the run), so this call
/// fails alone and the run goes on. Its inner 401 makes <see cref="Http.TransientFaults"/> call it lasting: a connection
/// test reports it as a settings problem, since a vendor refusing every fresh token is not waited out.
/// </summary>
internal sealed class UnauthorizedCallException(string message)
    : WiseSyncException(message, new HttpRequestException("HTTP 401", null, HttpStatusCode.Unauthorized));
