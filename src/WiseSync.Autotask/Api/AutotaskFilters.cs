using System.Globalization;
using System.Text.Json;
using WiseSync.Autotask.Dto;

namespace WiseSync.Autotask.Api;

/// <summary>Builds Autotask filter objects (reference/psa-apis.md §1.4).</summary>
internal static class AutotaskFilters
{
    /// <summary>Autotask accepts at most 500 values in one <c>in</c> list (500 OR conditions, reference §1.4).</summary>
    public const int MaxInList = 500;

    public static AtFilter Eq(string field, bool value) => new("eq", field) { Value = Json(value ? "true" : "false") };

    public static AtFilter Eq(string field, long value) => new("eq", field) { Value = Json(value.ToString(CultureInfo.InvariantCulture)) };

    public static AtFilter Gt(string field, long value) => new("gt", field) { Value = Json(value.ToString(CultureInfo.InvariantCulture)) };

    public static AtFilter Gte(string field, string value) => new("gte", field) { Value = JsonString(value) };

    public static AtFilter Lte(string field, string value) => new("lte", field) { Value = JsonString(value) };

    public static AtFilter NotExist(string field) => new("notExist", field);

    public static AtFilter In(string field, IEnumerable<long> values) =>
        new("in", field) { Value = Json("[" + string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]") };

    private static JsonElement JsonString(string value) => JsonSerializer.SerializeToElement(value, AutotaskJsonContext.Default.String);

    private static JsonElement Json(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }
}
