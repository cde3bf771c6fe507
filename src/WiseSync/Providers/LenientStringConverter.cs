using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WiseSync.Providers;

/// <summary>
/// Reads a text field that a vendor sends as a number or a boolean (Autotask's demo data has
/// <c>BillingCodes.externalNumber: 0</c>; QuickBooks recordings have <c>"Id": 164</c>): the value is kept as the exact
/// text the vendor wrote, never re-formatted or dropped. Objects and arrays stay unreadable.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"Expected a text value, found {reader.TokenType}."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
