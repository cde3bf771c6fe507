namespace WiseSync.Sandbox.Autotask;

/// <summary>Reads record values whatever CLR type they were stored from (int, long, decimal or parsed JSON).</summary>
internal static class AutotaskJsonValues
{
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    public static long? Long(JsonNode? node) => Number(node) is { } d ? (long)d : null;

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Bool(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
