using System.Text.Json.Serialization;

namespace WiseSync.QuickBooks.Internal.Json;

/// <summary>The token endpoint's answer (reference Part 2.1); both tokens are secrets.</summary>
internal sealed record QboTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("x_refresh_token_expires_in")] long? RefreshTokenExpiresIn)
{
    public override string ToString() => "QboTokenResponse { tokens hidden }";
}
