using System.Security.Cryptography;

namespace WiseSync.Sandbox.Autotask;

/// <summary>
/// Runs <c>{Entity}/query</c>: filter, <c>includeFields</c>, <c>maxRecords</c> (1–500) and paging by
/// <c>pageDetails.nextPageUrl</c>, which must be POSTed with the same body (reference/psa-apis.md §1.4).
/// </summary>
internal static class AutotaskQueryEngine
{
    public const int MaxPageSize = 500;

    public static JsonObject Query(AutotaskEntity entity, JsonElement body, string entityUrl, string? pagingToken)
    {
        var (predicate, filterHash) = CompileBody(entity, body);
        var pageSize = MaxRecords(body);
        var include = IncludeFields(entity, body);

        var after = long.MinValue;
        var pageIndex = 0;
        if (pagingToken is not null)
        {
            (after, pageIndex) = ReadToken(pagingToken, filterHash);
        }

        var items = new JsonArray();
        var more = false;
        long lastId = after;
        lock (entity.Gate)
        {
            foreach (var (id, record) in entity.Records.Where(r => r.Key > after))
            {
                if (!predicate(record))
                {
                    continue;
                }

                if (items.Count == pageSize)
                {
                    more = true;
                    break;
                }

                items.Add(entity.Project(record, include));
                lastId = id;
            }
        }

        if (more && include is not null && !include.Any(f => f.Name == "id"))
        {
            // "For search results that contain more than 500 results, you must include Id as a field" (reference §1.4).
            throw new AutotaskApiError("IncludeFields must contain id when the query returns more than one page.");
        }

        return new JsonObject
        {
            ["items"] = items,
            ["pageDetails"] = new JsonObject
            {
                ["count"] = items.Count,
                ["requestCount"] = pageSize,
                ["prevPageUrl"] = null,
                ["nextPageUrl"] = more ? $"{entityUrl}/query/next?paging={WriteToken(lastId, pageIndex + 1, filterHash)}" : null,
            },
        };
    }

    public static JsonObject Count(AutotaskEntity entity, JsonElement body)
    {
        var (predicate, _) = CompileBody(entity, body);
        lock (entity.Gate)
        {
            return new JsonObject { ["queryCount"] = entity.Records.Values.Count(predicate) };
        }
    }

    private static (Func<JsonObject, bool> Predicate, string Hash) CompileBody(AutotaskEntity entity, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new AutotaskApiError("The query body must be a JSON object with a filter.");
        }

        var filter = Property(body, "filter") ?? default;
        var canonical = filter.ValueKind == JsonValueKind.Undefined ? "[]" : JsonNode.Parse(filter.GetRawText())!.ToJsonString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        return (AutotaskFilter.Compile(entity, filter), hash);
    }

    private static int MaxRecords(JsonElement body)
    {
        if (Property(body, "maxRecords") is not { ValueKind: not JsonValueKind.Null } value)
        {
            return MaxPageSize;
        }

        return value.TryGetInt32(out var n) && n is >= 1 and <= MaxPageSize
            ? n
            : throw new AutotaskApiError($"MaxRecords must be between 1 and {MaxPageSize}.");
    }

    private static List<AutotaskField>? IncludeFields(AutotaskEntity entity, JsonElement body)
    {
        if (Property(body, "includeFields") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
        {
            return null;
        }

        return list.EnumerateArray()
            .Select(f => entity.Field(f.GetString() ?? string.Empty)
                ?? throw new AutotaskApiError($"Unable to find {f.GetString()} in the {entity.Name} entity."))
            .ToList();
    }

    private static string WriteToken(long lastId, int pageIndex, string hash) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{lastId}:{pageIndex}:{hash}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (long After, int PageIndex) ReadToken(string token, string hash)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == 3 && parts[2] == hash)
            {
                return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (FormatException)
        {
        }

        throw new AutotaskApiError("The paging token is invalid or does not belong to this query; POST the original query body to nextPageUrl.");
    }

    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }
}
