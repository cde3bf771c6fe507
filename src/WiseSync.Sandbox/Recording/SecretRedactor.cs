namespace WiseSync.Sandbox.Recording;

/// <summary>Removes secrets before a request is recorded: auth headers, and secret fields in query, form and JSON bodies.</summary>
internal static class SecretRedactor
{
    public const string Mask = "[redacted]";

    private static readonly string[] SecretHeaderNames = ["Authorization", "Proxy-Authorization", "Cookie", "Secret"];
    private static readonly string[] SecretWords = ["secret", "password", "token", "assertion", "code_verifier"];

    public static bool IsSecretName(string name) =>
        SecretHeaderNames.Contains(name, StringComparer.OrdinalIgnoreCase)
        || SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))
        || string.Equals(name, "code", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyDictionary<string, string> Headers(IHeaderDictionary headers)
    {
        var result = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
            result[name] = IsSecretName(name) ? Mask : value.ToString();
        return result;
    }

    public static string Query(QueryString query)
    {
        if (!query.HasValue)
            return "";
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Value);
        if (!parsed.Keys.Any(IsSecretName))
            return query.Value!;
        var builder = new QueryBuilder();
        foreach (var (key, values) in parsed)
        {
            foreach (var value in values)
                builder.Add(key, IsSecretName(key) ? Mask : value ?? "");
        }

        return builder.ToQueryString().Value ?? "";
    }

    public static string? Body(string? body, string? contentType)
    {
        if (string.IsNullOrEmpty(body))
            return body;
        if (contentType?.Contains("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            return Query(new QueryString("?" + body)).TrimStart('?');
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true && !LooksLikeJson(body))
            return body;
        try
        {
            var node = JsonNode.Parse(body);
            return node is not null && RedactNode(node) ? node.ToJsonString() : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static bool LooksLikeJson(string body)
    {
        var trimmed = body.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '{' or '[';
    }

    private static bool RedactNode(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretName(name) && obj[name] is JsonValue)
                    {
                        obj[name] = Mask;
                        changed = true;
                    }
                    else if (obj[name] is { } child)
                    {
                        changed |= RedactNode(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                        changed |= RedactNode(child);
                }

                break;
        }

        return changed;
    }
}
