namespace WiseSync.Sandbox.ConnectWise;

/// <summary>
/// List endpoints' common parameters (reference/psa-apis.md §2.2): <c>conditions</c>, <c>orderBy</c>, <c>fields</c>,
/// <c>page</c>/<c>pageSize</c> (default 25, at most 1,000) with a Link header, and forward-only paging
/// (<c>pagination-type: forward-only</c>, <c>pageId</c> = "id greater than") with a Link rel="next".
/// </summary>
internal static class CwListing
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 1000;

    public static IResult List(HttpContext context, IEnumerable<JsonObject> records, IReadOnlyList<string>? refusedFields = null)
    {
        var query = context.Request.Query;
        if (Refusal(query["conditions"].ToString(), refusedFields) is { } refusal)
        {
            return refusal;
        }

        Func<JsonObject, bool> predicate;
        try
        {
            predicate = CwConditionParser.Parse(query["conditions"].ToString());
        }
        catch (FormatException ex)
        {
            return ConnectWiseEmulator.Error(StatusCodes.Status400BadRequest, "InvalidObject", $"conditions: {ex.Message}");
        }

        if (!TryInt(query["pageSize"], DefaultPageSize, out var pageSize) || pageSize < 1)
        {
            return ConnectWiseEmulator.Error(StatusCodes.Status400BadRequest, "InvalidObject", "pageSize must be a positive number.");
        }

        // "We have set a hard limit of 1,000 records" (PSA-Pagination.md): larger sizes are cut to 1,000.
        pageSize = Math.Min(pageSize, MaxPageSize);
        var matching = records.Where(predicate);
        matching = Order(matching, query["orderBy"].ToString());

        var forwardOnly = string.Equals(context.Request.Headers["pagination-type"].ToString(), "forward-only", StringComparison.OrdinalIgnoreCase)
            || query.ContainsKey("pageId");
        List<JsonObject> page;
        var links = new List<string>();
        if (forwardOnly)
        {
            if (!TryInt(query["pageId"], 0, out var pageId))
            {
                return ConnectWiseEmulator.Error(StatusCodes.Status400BadRequest, "InvalidObject", "pageId must be a number.");
            }

            // pageId "is treated like an additional condition of Id > pageId" (thelazyadministrator, §2.2).
            var rest = matching.Where(r => Id(r) > pageId).OrderBy(Id).Take(pageSize + 1).ToList();
            page = rest.Take(pageSize).ToList();
            if (rest.Count > pageSize)
            {
                links.Add($"<{WithQuery(context, "pageId", Id(page[^1]))}>; rel=\"next\"");
            }
        }
        else
        {
            if (!TryInt(query["page"], 1, out var pageNumber) || pageNumber < 1)
            {
                return ConnectWiseEmulator.Error(StatusCodes.Status400BadRequest, "InvalidObject", "page must be a positive number.");
            }

            var all = matching.ToList();
            var last = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
            page = all.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
            if (pageNumber > 1)
            {
                links.Add($"<{WithQuery(context, "page", pageNumber - 1)}>; rel=\"prev\"");
                links.Add($"<{WithQuery(context, "page", 1)}>; rel=\"first\"");
            }

            if (pageNumber < last)
            {
                links.Add($"<{WithQuery(context, "page", pageNumber + 1)}>; rel=\"next\"");
                links.Add($"<{WithQuery(context, "page", last)}>; rel=\"last\"");
            }
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        var fields = query["fields"].ToString();
        var array = new JsonArray(page.Select(r => (JsonNode)Project(r, fields)).ToArray());
        return Results.Text(array.ToJsonString(), ConnectWiseEmulator.ContentType);
    }

    public static IResult Count(HttpContext context, IEnumerable<JsonObject> records, IReadOnlyList<string>? refusedFields = null)
    {
        if (Refusal(context.Request.Query["conditions"].ToString(), refusedFields) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var predicate = CwConditionParser.Parse(context.Request.Query["conditions"].ToString());
            return ConnectWiseEmulator.Json(new JsonObject { ["count"] = records.Count(predicate) });
        }
        catch (FormatException ex)
        {
            return ConnectWiseEmulator.Error(StatusCodes.Status400BadRequest, "InvalidObject", $"conditions: {ex.Message}");
        }
    }

    /// <summary>
    /// ConnectWise's 400 for a condition it will not evaluate, in its documented error shape (code, message, errors[] with
    /// code, message, resource, field; christaylorcodes/ConnectWiseManageAPI#30). The message texts are the sandbox's own.
    /// </summary>
    private static IResult? Refusal(string conditions, IReadOnlyList<string>? refusedFields)
    {
        foreach (var field in refusedFields ?? [])
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(
                conditions,
                $"(?<![\\w/]){System.Text.RegularExpressions.Regex.Escape(field)}(?![\\w/])",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1)))
            {
                var body = CwJson.Error("InvalidObject", "conditions is invalid", ("conditions", $"{field} is not a supported field in conditions."));
                return Results.Text(body.ToJsonString(), ConnectWiseEmulator.ContentType, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return null;
    }

    private static IEnumerable<JsonObject> Order(IEnumerable<JsonObject> records, string orderBy)
    {
        if (string.IsNullOrWhiteSpace(orderBy))
        {
            return records.OrderBy(Id);
        }

        var parts = orderBy.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var path = parts[0].Split('/');
        var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        string Key(JsonObject r)
        {
            JsonNode? node = r;
            foreach (var segment in path)
            {
                node = node is JsonObject o ? o.FirstOrDefault(p => p.Key.Equals(segment, StringComparison.OrdinalIgnoreCase)).Value : null;
            }

            return node is JsonValue v && CwConditionParser.Number(v) is { } d ? d.ToString("000000000000.0000", CultureInfo.InvariantCulture) : node?.ToString() ?? string.Empty;
        }

        return descending ? records.OrderByDescending(Key, StringComparer.OrdinalIgnoreCase).ThenBy(Id) : records.OrderBy(Key, StringComparer.OrdinalIgnoreCase).ThenBy(Id);
    }

    private static JsonObject Project(JsonObject record, string fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return (JsonObject)record.DeepClone();
        }

        var wanted = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.Split('/')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new JsonObject();
        foreach (var (key, value) in record)
        {
            if (wanted.Contains(key))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static int Id(JsonObject r) => r["id"] is JsonValue v && v.TryGetValue<int>(out var id) ? id : 0;

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        if (string.IsNullOrEmpty(value.ToString()))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>The request's own URL with one parameter replaced; every other parameter (conditions too) is kept.</summary>
    private static string WithQuery(HttpContext context, string name, int value)
    {
        var request = context.Request;
        var builder = new QueryBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase) || (name == "pageId" && key.Equals("page", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            foreach (var v in values)
            {
                builder.Add(key, v ?? string.Empty);
            }
        }

        builder.Add(name, value.ToString(CultureInfo.InvariantCulture));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, builder.ToQueryString());
    }
}
