namespace WiseSync.Sandbox.Admin;

/// <summary>The fixed admin surface of CONTRACTS §1 under <c>/_sandbox</c>.</summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void MapSandboxAdmin(this IEndpointRouteBuilder app, SandboxState state)
    {
        var admin = app.MapGroup("/_sandbox");

        admin.MapGet("/info", (HttpRequest request) => Results.Json(Info(state, request), Web));

        admin.MapGet("/stats", () => Results.Json(state.StatsSnapshot(), Web));

        admin.MapGet("/requests", (string? vendor, int? limit) =>
        {
            if (vendor is not null && state.Find(vendor) is null)
                return UnknownVendor(vendor);
            var entries = state.Log.Last(vendor, Math.Clamp(limit ?? 100, 1, 5000));
            return Results.Json(entries.Select(r => new
            {
                vendor = r.Vendor,
                method = r.Method,
                path = r.Path,
                query = r.Query,
                status = r.Status,
                body = r.Body,
                headers = r.Headers,
                fault = r.Fault,
            }), Web);
        });

        admin.MapGet("/state/{vendor}/{collection}", (string vendor, string collection) =>
        {
            var emulator = state.Find(vendor);
            if (emulator is null)
                return UnknownVendor(vendor);
            var records = emulator.GetState(collection);
            return records is null
                ? Results.Json(new { error = $"{vendor} has no collection '{collection}'" }, Web, statusCode: StatusCodes.Status404NotFound)
                : VendorJson.Json(records);
        });

        admin.MapGet("/dataset", () => Results.Json(state.Dataset, SandboxJsonContext.Default.SandboxDataset));

        admin.MapPost("/seed", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            SeedDocument? document;
            try
            {
                document = await JsonSerializer.DeserializeAsync(request.Body, SandboxJsonContext.Default.SeedDocument, cancellationToken);
            }
            catch (JsonException e)
            {
                return BadRequest($"seed document is not valid JSON: {e.Message}");
            }

            if (document is null)
                return BadRequest("seed document is empty");
            var dataset = SeedLoader.Build(document, state.Options, out var errors);
            if (errors.Count > 0)
                return Results.Json(new { errors }, Web, statusCode: StatusCodes.Status400BadRequest);
            state.Load(dataset);
            return Results.Json(Counts(dataset), Web);
        });

        admin.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.Json(Counts(state.Dataset), Web);
        });

        admin.MapPost("/faults", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            IReadOnlyList<FaultRule> rules;
            try
            {
                var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
                rules = node is JsonObject obj && obj.ContainsKey("rules")
                    ? obj.Deserialize<FaultDocument>(Web)?.Rules ?? []
                    : node?.Deserialize<FaultRule>(Web) is { } single ? [single] : [];
            }
            catch (JsonException e)
            {
                return BadRequest($"fault rules are not valid JSON: {e.Message}");
            }

            foreach (var rule in rules)
            {
                if (rule.Validate() is { } problem)
                    return BadRequest(problem);
                if (state.Find(rule.Vendor) is null)
                    return UnknownVendor(rule.Vendor);
            }

            state.Faults.Add(rules);
            return Results.Json(new { active = state.Faults.Count }, Web);
        });

        admin.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            return Results.Json(new { active = 0 }, Web);
        });

        admin.MapPost("/pay", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            PayRequest? pay;
            try
            {
                pay = await JsonSerializer.DeserializeAsync<PayRequest>(request.Body, Web, cancellationToken);
            }
            catch (JsonException e)
            {
                return BadRequest($"pay request is not valid JSON: {e.Message}");
            }

            if (pay is null || string.IsNullOrWhiteSpace(pay.InvoiceNumber) || pay.Amount <= 0)
                return BadRequest("vendor, invoiceNumber and a positive amount are required");
            var emulator = state.Find(pay.Vendor);
            if (emulator is null)
                return UnknownVendor(pay.Vendor);
            if (emulator.Vendor is not ("xero" or "quickbooks"))
                return BadRequest($"{emulator.Vendor} is a PSA; payments are made in xero or quickbooks");
            pay = pay with { Date = pay.Date ?? state.Options.ReferenceDate };
            return emulator.TryPay(pay, out var error)
                ? Results.Json(new { paid = true, vendor = emulator.Vendor, invoiceNumber = pay.InvoiceNumber, amount = pay.Amount, date = pay.Date }, Web)
                : Results.Json(new { error }, Web, statusCode: StatusCodes.Status404NotFound);
        });
    }

    private static JsonObject Info(SandboxState state, HttpRequest request)
    {
        var credentials = state.Credentials ?? SandboxCredentials.For(new Uri($"{request.Scheme}://{request.Host}/"));
        var vendors = new JsonObject();
        foreach (var emulator in state.Emulators)
        {
            var vendor = JsonSerializer.SerializeToNode(emulator.DescribeCredentials(credentials), Web)!.AsObject();
            vendor["limits"] = emulator.Limits is { } limits
                ? new JsonObject
                {
                    ["maxConcurrent"] = limits.MaxConcurrent,
                    ["windows"] = new JsonArray(limits.Windows.Select(w => (JsonNode)new JsonObject
                    {
                        ["name"] = w.Name,
                        ["limit"] = w.Limit,
                        ["seconds"] = w.Length.TotalSeconds,
                        ["appWide"] = w.AppWide,
                    }).ToArray()),
                }
                : null;
            vendors[emulator.Vendor] = vendor;
        }

        return new JsonObject
        {
            ["timeScale"] = state.Options.TimeScale,
            ["seed"] = state.Options.Seed,
            ["companies"] = state.Dataset.Companies.Count,
            ["invoices"] = state.Dataset.Invoices.Count,
            ["referenceDate"] = state.Options.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["rateLimits"] = state.Options.RateLimits,
            ["vendors"] = vendors,
        };
    }

    private static object Counts(SandboxDataset dataset) => new
    {
        companies = dataset.Companies.Count,
        contacts = dataset.Contacts.Count,
        invoices = dataset.Invoices.Count,
        problems = dataset.Problems.Count,
    };

    private static IResult BadRequest(string message) =>
        Results.Json(new { error = message }, Web, statusCode: StatusCodes.Status400BadRequest);

    private static IResult UnknownVendor(string vendor) =>
        Results.Json(new { error = $"unknown vendor '{vendor}' (autotask, connectwise, xero, quickbooks)" }, Web, statusCode: StatusCodes.Status404NotFound);
}
