using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace WiseSync.QuickBooks.Tests.Spec;

/// <summary>
/// Checks JSON against a schema of the community QBO OpenAPI file (no JSON-schema validator package is available):
/// $ref, object properties (an unknown property is an error: it would be a misspelt or invented field), required,
/// readOnly, string maxLength/enum/date format, number, boolean, array items/minItems/maxItems.
/// </summary>
internal sealed class OpenApiSchemaChecker
{
    private readonly Dictionary<object, object> _schemas;

    private OpenApiSchemaChecker(Dictionary<object, object> schemas) => _schemas = schemas;

    public static OpenApiSchemaChecker Load(string path)
    {
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(path));
        var components = (Dictionary<object, object>)root["components"];
        return new OpenApiSchemaChecker((Dictionary<object, object>)components["schemas"]);
    }

    /// <summary>The problems found; empty when the value conforms.</summary>
    /// <param name="schemaName">A schema under components/schemas, e.g. "Invoice".</param>
    /// <param name="value">The JSON to check.</param>
    /// <param name="asCreate">For a create body: required properties must be present and readOnly ones absent.</param>
    public IReadOnlyList<string> Check(string schemaName, JsonNode? value, bool asCreate)
    {
        var problems = new List<string>();
        Check(Schema(schemaName), value, schemaName, asCreate, problems);
        return problems;
    }

    private Dictionary<object, object> Schema(string name) =>
        _schemas.TryGetValue(name, out var schema) ? (Dictionary<object, object>)schema : throw new InvalidOperationException($"no schema {name} in the spec");

    private void Check(Dictionary<object, object> schema, JsonNode? value, string path, bool asCreate, List<string> problems)
    {
        if (schema.TryGetValue("$ref", out var reference))
        {
            schema = Schema(((string)reference).Split('/')[^1]);
        }

        if (value is null)
        {
            return;
        }

        var type = schema.TryGetValue("type", out var t) ? (string)t : schema.ContainsKey("properties") ? "object" : null;
        switch (type)
        {
            case "object":
                if (value is not JsonObject obj)
                {
                    problems.Add($"{path}: expected an object");
                    return;
                }

                var properties = schema.TryGetValue("properties", out var p) ? (Dictionary<object, object>)p : [];
                foreach (var (name, child) in obj)
                {
                    if (!properties.TryGetValue(name, out var childSchema))
                    {
                        problems.Add($"{path}.{name}: not in the spec");
                        continue;
                    }

                    var childMap = (Dictionary<object, object>)childSchema;
                    if (asCreate && childMap.TryGetValue("readOnly", out var ro) && string.Equals(ro.ToString(), "true", StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"{path}.{name}: read-only, must not be sent");
                    }

                    Check(childMap, child, $"{path}.{name}", asCreate, problems);
                }

                if (asCreate && schema.TryGetValue("required", out var required))
                {
                    foreach (var name in ((List<object>)required).Cast<string>().Where(n => !obj.ContainsKey(n)))
                    {
                        problems.Add($"{path}.{name}: required but missing");
                    }
                }

                break;
            case "array":
                if (value is not JsonArray array)
                {
                    problems.Add($"{path}: expected an array");
                    return;
                }

                if (schema.TryGetValue("minItems", out var min) && array.Count < int.Parse((string)min, CultureInfo.InvariantCulture))
                {
                    problems.Add($"{path}: fewer than {min} items");
                }

                if (schema.TryGetValue("maxItems", out var max) && array.Count > int.Parse((string)max, CultureInfo.InvariantCulture))
                {
                    problems.Add($"{path}: more than {max} items");
                }

                if (schema.TryGetValue("items", out var items))
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check((Dictionary<object, object>)items, array[i], $"{path}[{i}]", asCreate, problems);
                    }
                }

                break;
            case "string":
                if (value is not JsonValue sv || !sv.TryGetValue<string>(out var text))
                {
                    problems.Add($"{path}: expected a string");
                    return;
                }

                if (schema.TryGetValue("maxLength", out var maxLength) && text.Length > int.Parse((string)maxLength, CultureInfo.InvariantCulture))
                {
                    problems.Add($"{path}: longer than {maxLength}");
                }

                if (schema.TryGetValue("enum", out var values) && !((List<object>)values).Cast<string>().Contains(text))
                {
                    problems.Add($"{path}: '{text}' is not one of the allowed values");
                }

                if (schema.TryGetValue("format", out var format) && (string)format == "date"
                    && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    problems.Add($"{path}: '{text}' is not a date");
                }

                break;
            case "number" or "integer":
                if (value is not JsonValue nv || !nv.TryGetValue<decimal>(out _))
                {
                    problems.Add($"{path}: expected a number");
                }

                break;
            case "boolean":
                if (value is not JsonValue bv || !bv.TryGetValue<bool>(out _))
                {
                    problems.Add($"{path}: expected a boolean");
                }

                break;
        }
    }
}
