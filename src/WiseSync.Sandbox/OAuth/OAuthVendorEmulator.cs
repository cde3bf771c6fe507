namespace WiseSync.Sandbox.OAuth;

/// <summary>
/// An accounting emulator behind an OAuth2 token endpoint with rotating refresh tokens (Xero, QuickBooks):
/// the token endpoint, the access-token check and the reset of the first refresh token live here; the vendor
/// gives the token body and its own 401.
/// </summary>
internal abstract class OAuthVendorEmulator : VendorEmulator
{
    protected OAuthVendorEmulator(EmulatorContext context, string apiPath, VendorRateLimitPolicy policy, OAuthAuthorityOptions authority)
        : base(context, authority.Vendor, apiPath, policy)
    {
        Authority = new OAuthAuthority(authority, context.Time, context.Options.TimeScale);
    }

    /// <summary>Issues and checks the tokens.</summary>
    public OAuthAuthority Authority { get; }

    public override void ResetTraffic()
    {
        base.ResetTraffic();
        Authority.RestoreFirstRefreshToken();
    }

    /// <summary>The vendor's successful token answer.</summary>
    protected abstract IResult TokenIssued(TokenGrant grant);

    /// <summary>The vendor's answer to a missing, unknown or expired access token (its body and challenge header).</summary>
    protected abstract IResult InvalidAccessToken(HttpContext context);

    /// <summary>The token endpoint: a refused grant answers <c>{"error":…}</c> with the grant's status.</summary>
    protected async Task<IResult> TokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var grant = await Authority.HandleAsync(request, cancellationToken);
        return grant.Succeeded
            ? TokenIssued(grant)
            : Results.Json(new Dictionary<string, string> { ["error"] = grant.Error! }, statusCode: grant.Status);
    }

    /// <summary>Null when the request carries a valid Bearer access token, otherwise the vendor's 401.</summary>
    protected IResult? RequireAccessToken(HttpContext context) =>
        Authority.IsValidAccessToken(OAuthAuthority.BearerToken(context.Request)) ? null : InvalidAccessToken(context);
}
