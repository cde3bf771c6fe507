using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WiseSync.Autotask.Dto;

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
