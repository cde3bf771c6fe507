using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WiseSync.Autotask.Dto;

/// <summary>
/// Reads a field the swagger calls a string when Autotask sends it as a number or a boolean (the vendor's demo data
/// has <c>BillingCodes.externalNumber: 0</c> and <c>Companies.postalCode: 12061</c>; Fixtures/autotask/SOURCES.md):
/// the value is kept as the exact text Autotask wrote, never dropped. Objects and arrays stay unreadable.
/// </summary>
internal sealed class AutotaskLenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Autotask sent a {reader.TokenType} where text was expected."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// Reads a boolean that Autotask sends as <c>0</c>/<c>1</c> or as text (<c>"true"</c>, <c>"1"</c>): Contacts use an
/// integer <c>isActive</c> where Companies use a boolean (reference/psa-apis.md §1.7), so both forms occur. Any other
/// value is unreadable rather than guessed.
/// </summary>
internal sealed class AutotaskLenientBooleanConverter : JsonConverter<bool>
{
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

        throw new JsonException($"Autotask sent a value that is not a boolean ({reader.TokenType}).");
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}

/// <summary>
/// Reads an integer flag (Contacts' <c>isActive</c> 0/1) that may arrive as a boolean or as text; numbers that are not
/// whole are unreadable rather than rounded.
/// </summary>
internal sealed class AutotaskIntegerFlagConverter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => 1,
        JsonTokenType.False => 0,
        JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
        JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        JsonTokenType.String when bool.TryParse(reader.GetString(), out var flag) => flag ? 1 : 0,
        _ => throw new JsonException($"Autotask sent a value that is not an integer flag ({reader.TokenType})."),
    };

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
