namespace WiseSync.Sandbox.Autotask;

/// <summary>
/// Compiles an Autotask filter array into a predicate over an entity record. The top-level array is ANDed;
/// <c>and</c> / <c>or</c> groups hold their children in <c>items</c> (reference/psa-apis.md §1.4).
/// </summary>
internal static class AutotaskFilter
{
    private const int MaxOrConditions = 500;

    public static Func<JsonObject, bool> Compile(AutotaskEntity entity, JsonElement filters)
    {
        if (filters.ValueKind != JsonValueKind.Array || filters.GetArrayLength() == 0)
        {
            throw new AutotaskApiError("A query requires at least one filter, e.g. {\"op\":\"gt\",\"field\":\"id\",\"value\":0}.");
        }

        var predicates = filters.EnumerateArray().Select(f => CompileOne(entity, f)).ToArray();
        return record => predicates.All(p => p(record));
    }

    private static Func<JsonObject, bool> CompileOne(AutotaskEntity entity, JsonElement filter)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            throw new AutotaskApiError("Each filter must be an object with op, field and value.");
        }

        var op = Property(filter, "op")?.GetString()?.ToLowerInvariant()
            ?? throw new AutotaskApiError("A filter is missing its 'op'.");

        if (op is "and" or "or")
        {
            var items = Property(filter, "items");
            if (items is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
            {
                throw new AutotaskApiError($"The '{op}' filter requires 'items'.");
            }

            if (op == "or" && list.GetArrayLength() > MaxOrConditions)
            {
                throw new AutotaskApiError($"A query can hold at most {MaxOrConditions} OR conditions.");
            }

            var children = list.EnumerateArray().Select(i => CompileOne(entity, i)).ToArray();
            return op == "and" ? r => children.All(c => c(r)) : r => children.Any(c => c(r));
        }

        if (Property(filter, "udf") is { ValueKind: JsonValueKind.True })
        {
            throw new AutotaskApiError("User-defined fields are not available on this entity.");
        }

        var fieldName = Property(filter, "field")?.GetString()
            ?? throw new AutotaskApiError($"The '{op}' filter is missing its 'field'.");
        var field = entity.Field(fieldName)
            ?? throw new AutotaskApiError($"Unable to find {fieldName} in the {entity.Name} entity.");
        if (AutotaskEntityFields.NotQueryable.Contains($"{entity.Name}.{field.Name}"))
        {
            throw new AutotaskApiError($"The field {field.Name} of the {entity.Name} entity cannot be used in a query filter.");
        }

        var value = Property(filter, "value");
        switch (op)
        {
            case "exist":
                return r => HasValue(r[field.Name]);
            case "notexist":
                return r => !HasValue(r[field.Name]);
            case "in":
            case "notin":
                {
                    if (value is not { ValueKind: JsonValueKind.Array } array)
                    {
                        throw new AutotaskApiError($"The '{op}' filter on {field.Name} requires an array value.");
                    }

                    if (array.GetArrayLength() > MaxOrConditions)
                    {
                        throw new AutotaskApiError($"A query can hold at most {MaxOrConditions} OR conditions.");
                    }

                    var keys = array.EnumerateArray().Select(v => HashKey(Normalize(field, v))).ToHashSet();
                    return op == "in"
                        ? r => Key(field, r[field.Name]) is { } k && keys.Contains(HashKey(k))
                        : r => Key(field, r[field.Name]) is not { } k || !keys.Contains(HashKey(k));
                }
        }

        if (value is not { } scalar || scalar.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new AutotaskApiError($"The '{op}' filter on {field.Name} requires a value.");
        }

        var target = Normalize(field, scalar);
        return op switch
        {
            "eq" => r => Key(field, r[field.Name]) is { } k && Compare(k, target) == 0,
            "noteq" => r => Key(field, r[field.Name]) is not { } k || Compare(k, target) != 0,
            "gt" => r => Key(field, r[field.Name]) is { } k && Compare(k, target) > 0,
            "gte" => r => Key(field, r[field.Name]) is { } k && Compare(k, target) >= 0,
            "lt" => r => Key(field, r[field.Name]) is { } k && Compare(k, target) < 0,
            "lte" => r => Key(field, r[field.Name]) is { } k && Compare(k, target) <= 0,
            "beginswith" => StringOp(field, target, (s, t) => s.StartsWith(t, StringComparison.OrdinalIgnoreCase)),
            "endswith" => StringOp(field, target, (s, t) => s.EndsWith(t, StringComparison.OrdinalIgnoreCase)),
            "contains" => StringOp(field, target, (s, t) => s.Contains(t, StringComparison.OrdinalIgnoreCase)),
            _ => throw new AutotaskApiError($"Unknown filter operator '{op}'."),
        };
    }

    private static Func<JsonObject, bool> StringOp(AutotaskField field, object target, Func<string, string, bool> test)
    {
        if (field.Type != AutotaskFieldType.String || target is not string text)
        {
            throw new AutotaskApiError($"String operators apply to string fields only; {field.Name} is not one.");
        }

        return r => AutotaskJsonValues.Text(r[field.Name]) is { } s && test(s, text);
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static bool HasValue(JsonNode? node) => node is not null && AutotaskJsonValues.Text(node) is not "";

    /// <summary>The comparable form of a filter value for the field's type; a wrong type is the caller's error.</summary>
    private static object Normalize(AutotaskField field, JsonElement value)
    {
        try
        {
            return field.Type switch
            {
                AutotaskFieldType.Integer or AutotaskFieldType.Number => value.ValueKind == JsonValueKind.String
                    ? decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
                    : value.GetDecimal(),
                AutotaskFieldType.Boolean => value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new AutotaskApiError($"The value for {field.Name} must be true or false."),
                },
                AutotaskFieldType.DateTime => ParseDate(value.GetString()!),
                _ => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new AutotaskApiError($"The value {value.GetRawText()} is not valid for {field.Name}.");
        }
    }

    private static object? Key(AutotaskField field, JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        return field.Type switch
        {
            AutotaskFieldType.Integer or AutotaskFieldType.Number => AutotaskJsonValues.Number(v),
            AutotaskFieldType.Boolean => AutotaskJsonValues.Bool(v),
            AutotaskFieldType.DateTime => AutotaskJsonValues.Text(v) is { } text ? ParseDate(text) : null,
            _ => AutotaskJsonValues.Text(v) ?? v.ToJsonString(),
        };
    }

    private static object HashKey(object key) => key is string s ? s.ToUpperInvariant() : key;

    private static int Compare(object left, object right) => (left, right) switch
    {
        (decimal a, decimal b) => a.CompareTo(b),
        (bool a, bool b) => a.CompareTo(b),
        (DateTime a, DateTime b) => a.CompareTo(b),
        (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
        _ => throw new AutotaskApiError("The filter value does not match the field's type."),
    };

    /// <summary>REST datetimes are UTC; a value without offset is read as UTC (reference/psa-apis.md §1.3).</summary>
    public static DateTime ParseDate(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
