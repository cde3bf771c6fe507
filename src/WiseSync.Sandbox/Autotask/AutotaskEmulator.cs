namespace WiseSync.Sandbox.Autotask;

/// <summary>Autotask REST v1.0: zone lookup (no auth), API-user header auth, thread and hourly limits.</summary>
internal sealed partial class AutotaskEmulator : PsaVendorEmulator
{
    public const string ApiPath = "/atservicesrest/v1.0";
    private const string Database = "sandbox";

    // psa-apis.md 1.9: 10,000 requests per rolling hour per database; 3 concurrent threads per integration + endpoint.
    public static readonly VendorRateLimitPolicy Policy = new(3,
    [
        new RateWindow("Hour", 10000, TimeSpan.FromHours(1)),
    ]);

    public AutotaskEmulator(EmulatorContext context)
        : base(context, "autotask", ApiPath, Policy)
    {
    }

    public override void Map(RouteGroupBuilder group)
    {
        // psa-apis.md 1.1: zone lookup needs no auth, is exempt from thread limiting, answers 500 for an unknown user.
        group.MapGet(ApiPath + "/zoneInformation", ZoneInformation);

        var api = group.MapGroup(ApiPath)
            .AddEndpointFilter(Guard(RequireApiUser))
            .WithVendorRateLimit(new VendorRateLimitBinding(
                Limiter,
                Tenant: _ => Database,
                ConcurrencyScope: ctx => $"{ctx.Request.Headers["ApiIntegrationCode"]}|{Entity(ctx.Request.Path.Value ?? "")}",
                NoQuotaHeaders,
                Throttled));
        api.MapGet("/ThresholdInformation", () => VendorJson.Json(new Dictionary<string, int>
        {
            ["externalRequestThreshold"] = 10000,
            ["requestThresholdTimeframe"] = 60,
            ["currentTimeframeRequestCount"] = Limiter.Used(Database, "Hour"),
        }));
        MapEntities(api);
        MapUnknownPaths(api, NotFound);
        MapUnknownPaths(group, NotFound, RequireApiUser);
    }

    /// <summary>Entity endpoints (Invoices, BillingItems, Companies, Contacts, ...) are added here by the Autotask emulator work.</summary>
    partial void MapEntities(RouteGroupBuilder api);

    public override object? GetState(string collection) => EntityState(collection);

    private partial object? EntityState(string collection);

    public override object DescribeCredentials(SandboxCredentials credentials) => credentials.Autotask;

    private static IResult ZoneInformation(HttpRequest request, string? user)
    {
        if (!string.Equals(user, AutotaskSandboxCredentials.AcceptedUserName, StringComparison.OrdinalIgnoreCase))
            return Errors(StatusCodes.Status500InternalServerError, "Zone information could not be found for the user.");
        var root = $"{request.Scheme}://{request.Host}/autotask/";
        return VendorJson.Json(new Dictionary<string, object>
        {
            ["zoneName"] = "Sandbox",
            ["url"] = root + "atservicesrest/",
            ["webUrl"] = root,
            ["ci"] = 0,
        });
    }

    private static IResult? RequireApiUser(HttpContext context)
    {
        var headers = context.Request.Headers;
        var ok = string.Equals(headers["UserName"], AutotaskSandboxCredentials.AcceptedUserName, StringComparison.OrdinalIgnoreCase)
            && headers["Secret"] == AutotaskSandboxCredentials.AcceptedSecret
            && headers["ApiIntegrationCode"] == AutotaskSandboxCredentials.AcceptedIntegrationCode;
        return ok ? null : Errors(StatusCodes.Status401Unauthorized, "User authentication failed.");
    }

    private static string Entity(string path)
    {
        var index = path.IndexOf(ApiPath, StringComparison.OrdinalIgnoreCase);
        var rest = index < 0 ? path : path[(index + ApiPath.Length)..];
        return rest.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() ?? "";
    }

    private static IResult Throttled(HttpContext context, RateLimitDecision decision)
    {
        // psa-apis.md 1.9: thread limit text is documented; the hourly 429 and Retry-After are UNVERIFIED there,
        // the sandbox sends both so the limit is visible to the client.
        WriteRetryAfter(context, decision);
        var message = decision.Problem == VendorRateLimiter.ConcurrentProblem
            ? $"API thread threshold of {Policy.MaxConcurrent} threads has been exceeded."
            : $"Request threshold of {Policy.Windows[0].Limit} requests per hour has been exceeded.";
        return Errors(StatusCodes.Status429TooManyRequests, message);
    }

    private static IResult NotFound() => Errors(StatusCodes.Status404NotFound, "The requested resource does not exist.");

    private static IResult Errors(int status, string message) =>
        VendorJson.Json(new Dictionary<string, string[]> { ["errors"] = [message] }, status);
}
