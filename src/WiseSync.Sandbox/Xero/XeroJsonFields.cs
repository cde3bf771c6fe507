namespace WiseSync.Sandbox.Xero;

/// <summary>Typed reads of a posted Xero element; a wrong JSON type is Xero's PostDataInvalid (ErrorNumber 14).</summary>
internal static class XeroJsonFields
{
    public static bool Has(JsonObject element, string name) => element.ContainsKey(name) && element[name] is not null;

    public static string? String(JsonObject element, string name)
    {
        var node = element[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw new XeroPostDataException($"{name} must be a string");
    }

    public static decimal? Decimal(JsonObject element, string name)
    {
        var node = element[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    return value.GetValue<decimal>();
                case JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed):
                    return parsed;
            }
        }

        throw new XeroPostDataException($"{name} must be a number");
    }

    public static bool? Bool(JsonObject element, string name)
    {
        var node = element[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var parsed): return parsed;
            }
        }

        throw new XeroPostDataException($"{name} must be true or false");
    }

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
