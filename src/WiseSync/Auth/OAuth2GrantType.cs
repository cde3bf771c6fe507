namespace WiseSync.Auth;

/// <summary>How the token manager gets access tokens.</summary>
public enum OAuth2GrantType
{
    /// <summary>Refresh-token grant after a user authorised the app (rotating refresh tokens are stored).</summary>
    RefreshToken,

    /// <summary>Client-credentials grant (e.g. Xero custom connections): no refresh token, a new access token each time.</summary>
    ClientCredentials,
}
