namespace WiseSync.Sandbox.OAuth;

/// <summary>The outcome of a token request: a new token pair, or an OAuth error code with its HTTP status.</summary>
internal sealed record TokenGrant(string? AccessToken, string? RefreshToken, string? Error, int Status)
{
    public bool Succeeded => Error is null;

    public static TokenGrant Fail(string error, int status = StatusCodes.Status400BadRequest) => new(null, null, error, status);
}
