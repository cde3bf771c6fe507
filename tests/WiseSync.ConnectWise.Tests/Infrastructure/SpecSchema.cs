using System.Text.Json;
using System.Text.Json.Nodes;

namespace WiseSync.ConnectWise.Tests.Infrastructure;

/// <summary>Checks JSON against a schema of a vendor OpenAPI file (properties, types, enums, required), following $refs.</summary>
internal sealed class SpecSchema
{
    private readonly JsonObject _schemas;

    private SpecSchema(JsonObject schemas) => _schemas = schemas;

    public static SpecSchema Load(string file) =>
        new((JsonObject)JsonNode.Parse(File.ReadAllText(WiseSync.Testing.VendorSpecs.Require(Path.Combine("connectwise", file))))!["components"]!["schemas"]!);

    public IReadOnlyCollection<string> PropertiesOf(string schema) => ((JsonObject)_schemas[schema]!["properties"]!).Select(p => p.Key).ToList();

    public List<string> Validate(string schema, JsonNode? value) => Validate(_schemas[schema]!.AsObject(), value, schema);

    private List<string> Validate(JsonObject schema, JsonNode? value, string path)
    {
        var problems = new List<string>();
        if (schema["$ref"] is JsonValue reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            return Validate(_schemas[name]!.AsObject(), value, path);
        }

        if (value is null)
        {
            return problems;
        }

        var type = (string?)schema["type"];
        switch (type)
        {
            case "object" or null when schema["properties"] is JsonObject properties:
                if (value is not JsonObject obj)
                {
                    problems.Add($"{path}: expected an object");
                    break;
                }

                foreach (var (key, child) in obj)
                {
                    if (properties[key] is JsonObject childSchema)
                        problems.AddRange(Validate(childSchema, child, $"{path}.{key}"));
                    else
                        problems.Add($"{path}.{key}: not in the spec");
                }

                foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
                {
                    if (!obj.ContainsKey(required))
                        problems.Add($"{path}.{required}: required but missing");
                }

                break;
            case "object":
                if (value is not JsonObject) problems.Add($"{path}: expected an object");
                break;
            case "array":
                if (value is not JsonArray array)
                {
                    problems.Add($"{path}: expected an array");
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                    problems.AddRange(Validate(schema["items"]!.AsObject(), array[i], $"{path}[{i}]"));
                break;
            case "integer":
                if (value is not JsonValue iv || iv.GetValueKind() != JsonValueKind.Number || !iv.TryGetValue<long>(out _))
                    problems.Add($"{path}: expected an integer, got {value.ToJsonString()}");
                break;
            case "number":
                if (value is not JsonValue nv || nv.GetValueKind() != JsonValueKind.Number)
                    problems.Add($"{path}: expected a number, got {value.ToJsonString()}");
                break;
            case "boolean":
                if (value is not JsonValue bv || bv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    problems.Add($"{path}: expected a boolean, got {value.ToJsonString()}");
                break;
            case "string":
                if (value is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String)
                {
                    problems.Add($"{path}: expected a string, got {value.ToJsonString()}");
                }
                else if (schema["enum"] is JsonArray values && !values.Any(e => (string?)e == (string)sv!))
                {
                    problems.Add($"{path}: '{(string)sv!}' is not one of the spec's values");
                }
                else if ((string?)schema["format"] == "date-time" && !DateTimeOffset.TryParse((string)sv!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
                {
                    problems.Add($"{path}: '{(string)sv!}' is not a date-time");
                }

                break;
        }

        return problems;
    }
}
