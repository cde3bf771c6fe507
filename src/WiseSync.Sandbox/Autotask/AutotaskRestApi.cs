namespace WiseSync.Sandbox.Autotask;

/// <summary>
/// The entity routes of the Autotask REST API v1.0 (<c>{Entity}/query</c>, <c>query/count</c>, <c>query/next</c>,
/// <c>{Entity}/{id}</c>, PATCH/PUT, invoice markup, company invoice settings), written from
/// shared/reference/psa-apis.md Part 1 and the swagger excerpt in shared/specs/autotask. Zone lookup, credentials and
/// limits are the <see cref="AutotaskEmulator"/>'s.
/// </summary>
internal sealed class AutotaskRestApi(AutotaskStore store)
{
    public const string Prefix = "/autotask/atservicesrest/v1.0";

    /// <summary>Impersonating this resource acts as a security level that may read but not edit (permission failures as HTTP 500).</summary>
    public const int RestrictedResourceId = 900;

    private const string PermissionMessage = "The logged in Resource does not have the adequate permissions to update this entity.";

    public AutotaskStore Store => store;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var at = path.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        var rest = (at >= 0 ? path[(at + Prefix.Length)..] : path).Trim('/');
        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var restricted = request.Headers["ImpersonationResourceId"].ToString() == RestrictedResourceId.ToString(CultureInfo.InvariantCulture);
        try
        {
            await DispatchAsync(context, segments, restricted).ConfigureAwait(false);
        }
        catch (AutotaskApiError e)
        {
            await ErrorAsync(context, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, 500, "The request body is not valid JSON.").ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            await ErrorAsync(context, 500, $"The request could not be processed: {e.Message}").ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(HttpContext context, string[] segments, bool restricted)
    {
        var method = context.Request.Method;
        var entity = segments.Length > 0 ? store.Entity(segments[0]) : null;
        if (entity is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "The requested resource does not exist.").ConfigureAwait(false);
            return;
        }

        var entityUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{Prefix}/{entity.Name}";
        switch (segments.Length)
        {
            case 1:
                Require(method, "PATCH", "PUT");
                await JsonAsync(context, Update(entity, await BodyAsync(context).ConfigureAwait(false), method == "PUT", restricted)).ConfigureAwait(false);
                return;
            case 2 when segments[1].Equals("query", StringComparison.OrdinalIgnoreCase):
                Require(method, "GET", "POST");
                await JsonAsync(context, AutotaskQueryEngine.Query(entity, await QueryBodyAsync(context).ConfigureAwait(false), entityUrl, null)).ConfigureAwait(false);
                return;
            case 2 when long.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                Require(method, "GET");
                await JsonAsync(context, new JsonObject { ["item"] = Find(entity, id) }).ConfigureAwait(false);
                return;
            case 3 when segments[1].Equals("query", StringComparison.OrdinalIgnoreCase) && segments[2].Equals("count", StringComparison.OrdinalIgnoreCase):
                Require(method, "GET", "POST");
                await JsonAsync(context, AutotaskQueryEngine.Count(entity, await QueryBodyAsync(context).ConfigureAwait(false))).ConfigureAwait(false);
                return;
            case 3 when segments[1].Equals("query", StringComparison.OrdinalIgnoreCase) && segments[2].Equals("next", StringComparison.OrdinalIgnoreCase):
                // A GET on nextPageUrl fails: the same body must be POSTed (reference §1.4, WYRE-AI/autotask-mcp PR #170).
                Require(method, "POST");
                await JsonAsync(context, AutotaskQueryEngine.Query(entity, await BodyAsync(context).ConfigureAwait(false), entityUrl, context.Request.Query["paging"].ToString())).ConfigureAwait(false);
                return;
            case 3 when entity == store.Invoices && long.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var invoiceId)
                && (segments[2].Equals("InvoiceMarkupXml", StringComparison.OrdinalIgnoreCase) || segments[2].Equals("InvoiceMarkupHtml", StringComparison.OrdinalIgnoreCase)):
                Require(method, "GET");
                var xml = segments[2].EndsWith("Xml", StringComparison.OrdinalIgnoreCase);
                await JsonAsync(context, new JsonObject { ["invoiceMarkup"] = AutotaskInvoiceMarkup.Render(store, invoiceId, xml) }).ConfigureAwait(false);
                return;
            case 3 when entity == store.Companies && long.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var companyId)
                && segments[2].Equals("invoiceSettings", StringComparison.OrdinalIgnoreCase):
                Require(method, "GET");
                await JsonAsync(context, InvoiceSettings(companyId)).ConfigureAwait(false);
                return;
            default:
                await ErrorAsync(context, StatusCodes.Status404NotFound, "The requested resource does not exist.").ConfigureAwait(false);
                return;
        }
    }

    private JsonObject Update(AutotaskEntity entity, JsonElement body, bool replaceAll, bool restricted)
    {
        if (entity.Writable.Count == 0)
        {
            throw new AutotaskApiError($"The {entity.Name} entity cannot be updated through this API.");
        }

        if (AutotaskQueryEngine.Property(body, "id") is not { ValueKind: JsonValueKind.Number } idValue || !idValue.TryGetInt64(out var id))
        {
            throw new AutotaskApiError("An update requires the id of the entity.");
        }

        if (restricted)
        {
            throw new AutotaskApiError(PermissionMessage);
        }

        lock (entity.Gate)
        {
            if (!entity.Records.TryGetValue(id, out var record))
            {
                throw new AutotaskApiError($"{entity.Name} with id {id} was not found.");
            }

            if (entity == store.Invoices && store.WriteFailures.TryGetValue(id, out var failure))
            {
                throw new AutotaskApiError(failure);
            }

            var changes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var property in body.EnumerateObject())
            {
                var field = entity.Field(property.Name) ?? throw new AutotaskApiError($"Unable to find {property.Name} in the {entity.Name} entity.");
                if (field.Name == "id")
                {
                    continue;
                }

                if (!entity.Writable.Contains(field.Name))
                {
                    throw new AutotaskApiError($"The field {field.Name} of the {entity.Name} entity is read only.");
                }

                changes[field.Name] = Coerce(field, property.Value);
            }

            if (replaceAll)
            {
                // PUT replaces every writable field: the ones left out become null (reference §1.3).
                foreach (var name in entity.Writable)
                {
                    changes.TryAdd(entity.Field(name)!.Name, null);
                }
            }

            foreach (var (name, value) in changes)
            {
                record[name] = value;
            }
        }

        return new JsonObject { ["itemId"] = id };
    }

    private static JsonNode? Coerce(AutotaskField field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (field.Type)
        {
            case AutotaskFieldType.DateTime when value.ValueKind == JsonValueKind.String:
                DateTime parsed;
                try
                {
                    parsed = AutotaskFilter.ParseDate(value.GetString()!);
                }
                catch (FormatException)
                {
                    throw new AutotaskApiError($"The value {value.GetRawText()} is not a valid date for {field.Name}.");
                }

                // paidDate ignores the time and stores the date only (reference §1.5).
                return field.Name == "paidDate" ? AutotaskDates.DateOnly(parsed) : AutotaskDates.Stamp(parsed);
            case AutotaskFieldType.String when value.ValueKind == JsonValueKind.String:
                return value.GetString();
            default:
                throw new AutotaskApiError($"The value {value.GetRawText()} is not valid for {field.Name}.");
        }
    }

    private JsonObject InvoiceSettings(long companyId)
    {
        lock (store.Companies.Gate)
        {
            if (!store.Companies.Records.ContainsKey(companyId))
            {
                throw new AutotaskApiError($"Companies with id {companyId} was not found.");
            }

            return store.InvoiceSettings.TryGetValue(companyId, out var settings)
                ? (JsonObject)settings.DeepClone()
                : new JsonObject
                {
                    ["taxExempt"] = false,
                    ["taxRegionId"] = null,
                    ["taxId"] = null,
                    ["invoiceEmailingEnabled"] = false,
                    ["contactRecipients"] = new JsonArray(),
                    ["resourceRecipients"] = new JsonArray(),
                    ["otherEmails"] = null,
                };
        }
    }

    private static JsonObject? Find(AutotaskEntity entity, long id)
    {
        lock (entity.Gate)
        {
            // Not found answers {"item": null}, not 404 (reference §1.3).
            return entity.Records.TryGetValue(id, out var record) ? entity.Project(record, null) : null;
        }
    }

    private static void Require(string method, params string[] allowed)
    {
        if (!allowed.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            throw new AutotaskApiError($"The requested resource does not support http method '{method}'.", StatusCodes.Status405MethodNotAllowed);
        }
    }

    private static async Task<JsonElement> QueryBodyAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            var search = context.Request.Query["search"].ToString();
            if (string.IsNullOrEmpty(search))
            {
                throw new AutotaskApiError("The search parameter is required.");
            }

            using var document = JsonDocument.Parse(search);
            return document.RootElement.Clone();
        }

        return await BodyAsync(context).ConfigureAwait(false);
    }

    private static async Task<JsonElement> BodyAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    private static async Task JsonAsync(HttpContext context, JsonNode body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = status == StatusCodes.Status405MethodNotAllowed
            ? new JsonObject { ["message"] = message }
            : new JsonObject { ["errors"] = new JsonArray(message) };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
