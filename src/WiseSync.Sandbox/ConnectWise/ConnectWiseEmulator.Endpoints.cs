namespace WiseSync.Sandbox.ConnectWise;

/// <summary>The finance, accounting and company endpoints (reference/psa-apis.md Part 2; spec subsets in shared/specs/connectwise).</summary>
internal sealed partial class ConnectWiseEmulator
{
    /// <summary>The media type of the spec subsets' responses.</summary>
    internal const string ContentType = "application/vnd.connectwise.com+json; version=" + CwJson.Version;

    partial void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapGet("/finance/invoices", (HttpContext ctx) => CwListing.List(ctx, Store.Invoices(), Store.RefusedConditionFields));
        api.MapGet("/finance/invoices/count", (HttpContext ctx) => CwListing.Count(ctx, Store.Invoices(), Store.RefusedConditionFields));
        api.MapGet("/finance/invoices/{id:int}", (int id) => Store.Invoice(id) is { } o ? Json(o) : NotFound("Invoice", id));
        api.MapGet("/finance/invoices/{id:int}/payments", (HttpContext ctx, int id) =>
            Store.Payments(id) is { } list ? CwListing.List(ctx, list) : NotFound("Invoice", id));
        api.MapPost("/finance/invoices/{id:int}/payments", async (HttpContext ctx, int id) =>
        {
            if (await ReadBody(ctx) is not { } body)
                return Error(StatusCodes.Status400BadRequest, "InvalidObject", "The request body is not a JSON object.");
            var (payment, error, notFound) = Store.AddPayment(id, body);
            return notFound ? NotFound("Invoice", id)
                : error is not null ? Invalid("InvoicePayment", error)
                : Json(payment!, StatusCodes.Status201Created);
        });

        api.MapGet("/finance/accounting/unpostedinvoices", (HttpContext ctx) => CwListing.List(ctx, Store.Unposted()));
        api.MapGet("/finance/accounting/unpostedinvoices/count", (HttpContext ctx) => CwListing.Count(ctx, Store.Unposted()));
        api.MapGet("/finance/accounting/unpostedinvoices/{id:int}", (int id) =>
            Store.Unposted().FirstOrDefault(u => (int?)u["id"] == id) is { } o ? Json(o) : NotFound("UnpostedInvoice", id));

        api.MapPost("/finance/accounting/export", async (HttpContext ctx) =>
        {
            if (await ReadBody(ctx) is not { } body)
                return Error(StatusCodes.Status400BadRequest, "InvalidObject", "The request body is not a JSON object.");
            var (export, error) = Store.Export(body);
            return error is not null ? Invalid("ExportAccountingBatchRequest", error) : Json(export!);
        });

        api.MapGet("/finance/accounting/batches", (HttpContext ctx) => CwListing.List(ctx, Store.Batches()));
        api.MapGet("/finance/accounting/batches/count", (HttpContext ctx) => CwListing.Count(ctx, Store.Batches()));
        api.MapGet("/finance/accounting/batches/{id:int}", (int id) => Store.Batch(id) is { } o ? Json(o) : NotFound("AccountingBatch", id));
        api.MapGet("/finance/accounting/batches/{id:int}/entries", (HttpContext ctx, int id) =>
            Store.BatchEntries(id) is { } list ? CwListing.List(ctx, list) : NotFound("AccountingBatch", id));
        api.MapPost("/finance/accounting/batches", async (HttpContext ctx) =>
        {
            if (await ReadBody(ctx) is not { } body)
                return Error(StatusCodes.Status400BadRequest, "InvalidObject", "The request body is not a JSON object.");
            var (export, errors) = Store.CreateBatch(body);
            return export is null
                ? Results.Text(CwJson.Error("InvalidObject", "CreateAccountingBatchRequest object is invalid", [.. errors]).ToJsonString(), ContentType, statusCode: StatusCodes.Status400BadRequest)
                : Json(export, StatusCodes.Status201Created);
        });
        api.MapPost("/finance/accounting/batches/{id:int}/export", async (HttpContext ctx, int id) =>
        {
            var body = await ReadBody(ctx);
            var summarize = body?["summarizeInvoices"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            return Store.ExportBatch(id, summarize) is { } export ? Json(export) : NotFound("AccountingBatch", id);
        });
        api.MapDelete("/finance/accounting/batches/{id:int}", (int id) =>
            Store.DeleteBatch(id) ? Results.NoContent() : NotFound("AccountingBatch", id));

        api.MapGet("/company/companies", (HttpContext ctx) => CwListing.List(ctx, Store.Companies()));
        api.MapGet("/company/companies/count", (HttpContext ctx) => CwListing.Count(ctx, Store.Companies()));
        api.MapGet("/company/companies/{id:int}", (int id) => Store.Companies().FirstOrDefault(c => (int?)c["id"] == id) is { } o ? Json(o) : NotFound("Company", id));
        api.MapGet("/company/contacts", (HttpContext ctx) => CwListing.List(ctx, Store.Contacts()));
        api.MapGet("/company/contacts/count", (HttpContext ctx) => CwListing.Count(ctx, Store.Contacts()));
        api.MapGet("/company/contacts/{id:int}", (int id) => Store.Contacts().FirstOrDefault(c => (int?)c["id"] == id) is { } o ? Json(o) : NotFound("Contact", id));
    }

    internal static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Text(node.ToJsonString(), ContentType, statusCode: status);

    private static IResult NotFound(string entity, int id) =>
        Error(StatusCodes.Status404NotFound, "NotFound", $"{entity} recId {id} not found");

    private static IResult Invalid(string entity, string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        var (field, text) = colon > 0 && !message[..colon].Contains(' ', StringComparison.Ordinal)
            ? (message[..colon], message[(colon + 1)..].Trim())
            : (entity, message);
        return Results.Text(CwJson.Error("InvalidObject", $"{entity} object is invalid", (field, text)).ToJsonString(), ContentType, statusCode: StatusCodes.Status400BadRequest);
    }

    private static async Task<JsonObject?> ReadBody(HttpContext ctx)
    {
        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Cloudflare's 429 in front of ConnectWise cloud is an HTML page with Retry-After (psa-apis.md 2.7, pyconnectwise PR #41).</summary>
    private static IResult Throttled(HttpContext context, RateLimitDecision decision)
    {
        WriteRetryAfter(context, decision);
        return Results.Text("<html><body>error code: 1015 (You are being rate limited)</body></html>", "text/html", statusCode: StatusCodes.Status429TooManyRequests);
    }
}
