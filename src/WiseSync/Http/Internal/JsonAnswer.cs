using System.Text.Json;

namespace WiseSync.Http.Internal;

/// <summary>Whether a vendor's answer body is one complete JSON value, so a cut or foreign body can be retried before a provider reads it.</summary>
internal static class JsonAnswer
{
    public static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
            }

            // A final block that held no token at all (an empty or blank body) reads as nothing, not as a value.
            return reader.BytesConsumed > 0 && reader.TokenType != JsonTokenType.None;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
