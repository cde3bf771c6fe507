namespace WiseSync.Sandbox.Autotask;

/// <summary>One field of an emulated entity.</summary>
internal sealed record AutotaskField(string Name, AutotaskFieldType Type);

/// <summary>
/// One emulated Autotask entity: its records (as the API writes them, camelCase, unset fields null) keyed and
/// ordered by id. Callers hold <see cref="Gate"/> while they read or write.
/// </summary>
internal sealed class AutotaskEntity
{
    private readonly Dictionary<string, AutotaskField> _fields;

    public AutotaskEntity(string name, IReadOnlyList<(string Name, AutotaskFieldType Type)> fields, IReadOnlySet<string>? writable = null)
    {
        Name = name;
        Fields = fields.Select(f => new AutotaskField(f.Name, f.Type)).ToArray();
        _fields = Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        Writable = writable ?? new HashSet<string>();
    }

    public string Name { get; }

    public IReadOnlyList<AutotaskField> Fields { get; }

    /// <summary>Fields PATCH and PUT may change (for Invoices: invoiceNumber, webServiceDate, paidDate; reference/psa-apis.md §1.5).</summary>
    public IReadOnlySet<string> Writable { get; }

    public SortedDictionary<long, JsonObject> Records { get; } = [];

    public Lock Gate { get; } = new();

    public AutotaskField? Field(string name) => _fields.GetValueOrDefault(name);

    /// <summary>Adds a record with every field of the model present (null when not given).</summary>
    public JsonObject Add(long id, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var record = new JsonObject();
        foreach (var field in Fields)
        {
            record[field.Name] = field.Name == "id" ? JsonValue.Create(id) : values.GetValueOrDefault(field.Name)?.DeepClone();
        }

        lock (Gate)
        {
            Records[id] = record;
        }

        return record;
    }

    /// <summary>A copy holding only the named fields (the query's <c>includeFields</c>), or all of them.</summary>
    public JsonObject Project(JsonObject record, IReadOnlyList<AutotaskField>? include)
    {
        if (include is null)
        {
            return (JsonObject)record.DeepClone();
        }

        var copy = new JsonObject();
        foreach (var field in include)
        {
            copy[field.Name] = record[field.Name]?.DeepClone();
        }

        return copy;
    }
}
