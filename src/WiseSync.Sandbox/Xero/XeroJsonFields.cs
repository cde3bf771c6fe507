namespace WiseSync.Sandbox.Xero;

/// <summary>Typed reads of a posted Xero element; a wrong JSON type is Xero's PostDataInvalid (ErrorNumber 14).</summary>
internal static class XeroJsonFields
{
    public static bool Has(JsonObject element, string name) => element.ContainsKey(name) && element[name] is not null;

    public static string? String(JsonObject element, string name) =>
        TryRead(element, name, "a string", StringValue, out string text) ? text : null;

    public static decimal? Decimal(JsonObject element, string name) =>
        TryRead(element, name, "a number", DecimalValue, out decimal number) ? number : null;

    public static bool? Bool(JsonObject element, string name) =>
        TryRead(element, name, "true or false", BoolValue, out bool flag) ? flag : null;

    public static Guid? Guid(JsonObject element, string name)
    {
        var text = String(element, name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return System.Guid.TryParse(text, out var id) ? id : throw new XeroPostDataException($"{name} must be a GUID");
    }

    public static JsonObject? Object(JsonObject element, string name) =>
        element[name] switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new XeroPostDataException($"{name} must be an object"),
        };

    public static IReadOnlyList<JsonObject>? Array(JsonObject element, string name) =>
        element[name] switch
        {
            null => null,
            JsonArray a => a.Select(n => n as JsonObject ?? throw new XeroPostDataException($"{name} must hold objects")).ToList(),
            _ => throw new XeroPostDataException($"{name} must be an array"),
        };

    private delegate bool ValueConversion<T>(JsonValue value, out T result);

    // One read for every scalar: absent or null is false, a value the conversion takes is true, anything else is PostDataInvalid.
    private static bool TryRead<T>(JsonObject element, string name, string expected, ValueConversion<T> convert, out T result)
    {
        result = default!;
        return element[name] switch
        {
            null => false,
            JsonValue value when convert(value, out result) => true,
            _ => throw new XeroPostDataException($"{name} must be {expected}"),
        };
    }

    private static bool StringValue(JsonValue value, out string result)
    {
        var isString = value.GetValueKind() == JsonValueKind.String;
        result = isString ? value.GetValue<string>() : "";
        return isString;
    }

    // A number, or a string holding one.
    private static bool DecimalValue(JsonValue value, out decimal result)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            result = value.GetValue<decimal>();
            return true;
        }

        result = 0;
        return value.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out result);
    }

    // true, false, or a string holding one.
    private static bool BoolValue(JsonValue value, out bool result)
    {
        var kind = value.GetValueKind();
        result = kind == JsonValueKind.True;
        return kind is JsonValueKind.True or JsonValueKind.False
            || (kind == JsonValueKind.String && bool.TryParse(value.GetValue<string>(), out result));
    }

    /// <summary>The elements of a posted collection body such as <c>{"Invoices":[...]}</c>; a single object is accepted too.</summary>
    public static IReadOnlyList<JsonObject> Elements(JsonNode? body, string collection)
    {
        if (body is not JsonObject root)
        {
            throw new XeroPostDataException("The request body must be a JSON object");
        }

        return Array(root, collection) ?? [root];
    }
}
