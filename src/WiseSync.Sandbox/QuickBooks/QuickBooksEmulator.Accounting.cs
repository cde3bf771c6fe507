namespace WiseSync.Sandbox.QuickBooks;

/// <summary>
/// The accounting half of the QuickBooks emulator: entity create/read/update, the query language (GET and POST),
/// /batch with per-item faults and its own 40-per-minute limit, requestid replay, and the sandbox's pay and state hooks.
/// </summary>
internal sealed partial class QuickBooksEmulator
{
    // accounting-apis.md 2.3: 40 batch requests per minute per realm and app, beside the 500/min.
    public static readonly VendorRateLimitPolicy BatchPolicy = new(0, [new RateWindow("Batch", 40, TimeSpan.FromMinutes(1))]);

    private QuickBooksApi? _api;
    private VendorRateLimiter? _batchLimiter;

    internal QuickBooksApi Api => LazyInitializer.EnsureInitialized(ref _api, () => new QuickBooksApi(Context.Time));

    private VendorRateLimiter BatchLimiter => LazyInitializer.EnsureInitialized(
        ref _batchLimiter,
        () => new VendorRateLimiter(BatchPolicy, Context.Options.TimeScale, Context.Time, Context.Options.RateLimits));

    partial void MapAccounting(RouteGroupBuilder company)
    {
        company.MapGet("/query", (HttpContext context, string realmId) => HandleAsync(context, realmId, "query"));
        company.MapPost("/query", (HttpContext context, string realmId) => HandleAsync(context, realmId, "query"));
        company.MapPost("/batch", (HttpContext context, string realmId) => HandleAsync(context, realmId, "batch"))
            .WithVendorRateLimit(new VendorRateLimitBinding(BatchLimiter, RealmOf, context => "batch:" + RealmOf(context), static (_, _) => { }, Throttled));
        company.MapGet("/preferences", (string realmId) => Preferences(realmId, null));
        company.MapPost("/preferences", async (HttpContext context, string realmId) =>
            Preferences(realmId, JsonNode.Parse(await ReadBodyAsync(context.Request)) as JsonObject));
        company.MapGet("/{entity}/{id}", (HttpContext context, string realmId, string entity, string id) => HandleAsync(context, realmId, entity + "/" + id));
        company.MapPost("/{entity}", (HttpContext context, string realmId, string entity) => HandleAsync(context, realmId, entity));
    }

    /// <summary>Forgets every posted record (start, reset, seed).</summary>
    private void ResetAccounting()
    {
        Api.Reset();
        BatchLimiter.Reset();
    }

    private object? AccountingState(string collection)
    {
        var entity = collection.ToLowerInvariant() switch
        {
            "invoices" => "Invoice",
            "customers" => "Customer",
            "payments" => "Payment",
            "creditmemos" => "CreditMemo",
            "items" => "Item",
            "vendors" => "Vendor",
            "taxcodes" => "TaxCode",
            _ => null,
        };
        return entity is null ? null : new JsonObject { ["QueryResponse"] = new JsonObject { [entity] = Api.State(entity) } };
    }

    private bool PayInvoice(PayRequest request, out string? error)
    {
        var date = (request.Date ?? DateOnly.FromDateTime(Context.Time.GetUtcNow().UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var payment = Api.Pay(request.InvoiceNumber, request.Amount > 0m ? request.Amount : null, date);
        error = payment is null ? $"QuickBooks invoice {request.InvoiceNumber} not found" : null;
        return payment is not null;
    }

    private async Task<IResult> HandleAsync(HttpContext context, string realmId, string path)
    {
        var request = context.Request;
        if (request.Query.TryGetValue("minorversion", out var minor) && !int.TryParse(minor, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return Fault(StatusCodes.Status400BadRequest, "ValidationFault", "2010", "Request has invalid or unsupported property", $"minorversion {minor} is not a number");
        }

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var body = HttpMethods.IsPost(request.Method) ? await ReadBodyAsync(request) : null;
        var response = Api.Handle(realmId, request.Method.ToUpperInvariant(), path, query, body);
        return Results.Content(response.Body, "application/json", System.Text.Encoding.UTF8, response.Status);
    }

    private IResult Preferences(string realmId, JsonObject? update)
    {
        var company = Api.Company(realmId);
        lock (company.Gate)
        {
            // The switch for emulated US automated sales tax (reference 2.8: Preferences.TaxPrefs.PartnerTaxEnabled).
            if (update?["TaxPrefs"]?["PartnerTaxEnabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out var on))
            {
                company.AutomatedSalesTax = on && company.Settings.IsUnitedStates;
            }

            var body = new JsonObject { ["Preferences"] = QuickBooksApi.Preferences(company), ["time"] = Api.Now() };
            return Results.Content(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }
}
