using System.Text.Json;
using System.Text.Json.Serialization;

namespace WiseSync.Providers;

/// <summary>
/// Reads a boolean that a vendor sends as <c>0</c>/<c>1</c> or as text (<c>"true"</c>, <c>"1"</c>): Autotask Contacts
/// use an integer <c>isActive</c> where Companies use a boolean (reference/psa-apis.md §1.7), XML-to-JSON bridges and
/// older QuickBooks SDK recordings send <c>"true"</c>. Any other value is unreadable rather than guessed.
/// </summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool>
{
    /// <inheritdoc />
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number when reader.TryGetInt32(out var number) && number is 0 or 1:
                return number == 1;
            case JsonTokenType.String:
                var text = reader.GetString()?.Trim();
                if (bool.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                if (text is "0" or "1")
                {
                    return text == "1";
                }

                break;
        }

        throw new JsonException($"Expected a boolean, found {reader.TokenType}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
