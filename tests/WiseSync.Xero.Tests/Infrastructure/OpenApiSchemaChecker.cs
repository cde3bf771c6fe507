using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace WiseSync.Xero.Tests.Infrastructure;

/// <summary>
/// A small checker for the parts of OpenAPI 3.0 schemas Xero's spec uses: $ref, object properties (names must be
/// known), types, string maxLength, enums and uuid format. No JSON-schema validator package is available here.
/// </summary>
internal sealed class OpenApiSchemaChecker
{
    private readonly YamlMappingNode _schemas;
    private readonly IReadOnlyDictionary<string, ISet<string>> _extras;

    public OpenApiSchemaChecker(string specPath, IReadOnlyDictionary<string, ISet<string>>? extras = null)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(specPath))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        _schemas = (YamlMappingNode)((YamlMappingNode)root["components"])["schemas"];
        _extras = extras ?? new Dictionary<string, ISet<string>>();
    }

    /// <summary>Problems found in <paramref name="node"/> against the named schema; empty when it conforms.</summary>
    public List<string> Check(JsonNode? node, string schemaName)
    {
        var problems = new List<string>();
        Check(node, Schema(schemaName), schemaName, "$", problems);
        return problems;
    }

    private YamlMappingNode Schema(string name) =>
        _schemas.Children.TryGetValue(new YamlScalarNode(name), out var schema)
            ? (YamlMappingNode)schema
            : throw new InvalidOperationException($"schema {name} not in the spec");

    private void Check(JsonNode? node, YamlMappingNode schema, string schemaName, string path, List<string> problems)
    {
        if (node is null)
        {
            return;
        }

        if (Scalar(schema, "$ref") is { } reference)
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            Check(node, Schema(name), name, path, problems);
            return;
        }

        var type = Scalar(schema, "type") ?? (schema.Children.ContainsKey(new YamlScalarNode("properties")) ? "object" : null);
        switch (type)
        {
            case "object":
                if (node is not JsonObject obj)
                {
                    problems.Add($"{path}: expected an object ({schemaName})");
                    return;
                }

                var properties = schema.Children.TryGetValue(new YamlScalarNode("properties"), out var p) ? (YamlMappingNode)p : new YamlMappingNode();
                foreach (var (key, value) in obj)
                {
                    if (properties.Children.TryGetValue(new YamlScalarNode(key), out var propertySchema))
                    {
                        Check(value, (YamlMappingNode)propertySchema, schemaName, $"{path}.{key}", problems);
                    }
                    else if (!(_extras.TryGetValue(schemaName, out var allowed) && allowed.Contains(key)))
                    {
                        problems.Add($"{path}.{key}: property not in schema {schemaName}");
                    }
                }

                break;
            case "array":
                if (node is not JsonArray array)
                {
                    problems.Add($"{path}: expected an array");
                    return;
                }

                var items = (YamlMappingNode)schema["items"];
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], items, schemaName, $"{path}[{i}]", problems);
                }

                break;
            case "string":
                if (node is not JsonValue s || s.GetValueKind() != JsonValueKind.String)
                {
                    problems.Add($"{path}: expected a string");
                    return;
                }

                var text = s.GetValue<string>();
                if (Scalar(schema, "maxLength") is { } max && text.Length > int.Parse(max, System.Globalization.CultureInfo.InvariantCulture))
                {
                    problems.Add($"{path}: longer than maxLength {max}");
                }

                if (schema.Children.TryGetValue(new YamlScalarNode("enum"), out var values)
                    && !((YamlSequenceNode)values).Children.OfType<YamlScalarNode>().Any(v => v.Value == text))
                {
                    problems.Add($"{path}: '{text}' not in enum");
                }

                if (Scalar(schema, "format") == "uuid" && !Guid.TryParse(text, out _))
                {
                    problems.Add($"{path}: '{text}' is not a uuid");
                }

                break;
            case "number" or "integer":
                if (node is not JsonValue n || n.GetValueKind() != JsonValueKind.Number)
                {
                    problems.Add($"{path}: expected a number");
                }

                break;
            case "boolean":
                if (node is not JsonValue b || b.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: expected a boolean");
                }

                break;
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
