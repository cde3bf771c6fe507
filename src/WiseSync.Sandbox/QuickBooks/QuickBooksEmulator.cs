namespace WiseSync.Sandbox.QuickBooks;

/// <summary>QuickBooks Online: OAuth2 token endpoint (rotating refresh tokens) and the v3 company API of one realm.</summary>
internal sealed partial class QuickBooksEmulator : OAuthVendorEmulator
{
    public const string CompanyName = "WiseSync Sandbox Inc.";

    // accounting-apis.md 2.3: 500 requests/minute per realm, 10 concurrent per realm and app.
    public static readonly VendorRateLimitPolicy Policy = new(10,
    [
        new RateWindow("Minute", 500, TimeSpan.FromMinutes(1)),
    ]);

    private const string CompanyPath = "/v3/company/";

    // accounting-apis.md 2.1: access token 3600 s, refresh token 100 days (rolling); Intuit documents no
    // grace for a rotated token, so the sandbox uses Xero's 30 minutes, and only once (the cautious reading).
    public QuickBooksEmulator(EmulatorContext context)
        : base(context, CompanyPath, Policy, new OAuthAuthorityOptions
        {
            Vendor = "quickbooks",
            AccessTokenLifetime = TimeSpan.FromHours(1),
            RefreshTokenLifetime = TimeSpan.FromDays(100),
            RotationGrace = TimeSpan.FromMinutes(30),
            RotationGraceUses = 1,
        })
    {
    }

    public override void Map(RouteGroupBuilder group)
    {
        // Every Intuit answer carries its transaction id (intuit_tid), the id Intuit's support asks for; the official SDKs
        // read it from the response header "intuit_tid" (QuickBooks-V3-Java-SDK RequestElements.HEADER_INTUIT_TID).
        group.AddEndpointFilter(AddIntuitTid);
        group.MapPost("/oauth2/v1/tokens/bearer", TokenAsync);

        var company = group.MapGroup("/v3/company/{realmId}")
            .AddEndpointFilter(Guard(RequireAccessToken))
            .AddEndpointFilter(Guard(RequireRealm))
            .WithVendorRateLimit(new VendorRateLimitBinding(
                Limiter,
                Tenant: RealmOf,
                ConcurrencyScope: RealmOf,
                NoQuotaHeaders,
                Throttled));
        company.MapGet("/companyinfo/{id}", (string id) => id == QuickBooksSandboxCredentials.AcceptedRealmId
            ? Results.Content(new JsonObject { ["CompanyInfo"] = CompanyInfoNow(), ["time"] = Time() }.ToJsonString(), "application/json", System.Text.Encoding.UTF8)
            : Fault(StatusCodes.Status400BadRequest, "ValidationFault", "610", "Object Not Found", $"Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (CompanyInfo {id})"));
        MapAccounting(company);
        MapUnknownPaths(company, () => Fault(StatusCodes.Status404NotFound, "ValidationFault", "5030", "Unsupported Operation", "Operation is not supported by the sandbox."));
        MapUnknownPaths(group, () => Results.NotFound(), RequireAccessToken);
    }

    /// <summary>Business endpoints (customers, invoices, payments, query) are added here by the QuickBooks emulator work.</summary>
    partial void MapAccounting(RouteGroupBuilder company);

    public override void Load(SandboxDataset data)
    {
        Api.Settings = QboCompanySettings.From(data);
        ResetAccounting();
    }

    public override object? GetState(string collection) => collection.ToLowerInvariant() switch
    {
        "companyinfo" => new JsonObject { ["CompanyInfo"] = CompanyInfoNow() },
        _ => AccountingState(collection),
    };

    public override bool TryPay(PayRequest request, out string? error) => PayInvoice(request, out error);

    public override string RelativePath(string path)
    {
        // The realm id follows the API path; byRoute leaves it out with the prefix.
        var relative = path[Prefix.Length..];
        if (!relative.StartsWith(CompanyPath, StringComparison.OrdinalIgnoreCase))
            return relative;
        var afterRealm = relative.IndexOf('/', CompanyPath.Length);
        return afterRealm < 0 ? "/" : relative[afterRealm..];
    }

    public override object DescribeCredentials(SandboxCredentials credentials) => credentials.QuickBooks;

    private static string RealmOf(HttpContext context) => context.Request.RouteValues["realmId"]?.ToString() ?? "";

    protected override IResult TokenIssued(TokenGrant grant) =>
        VendorJson.Json(new Dictionary<string, object>
        {
            ["token_type"] = "bearer",
            ["expires_in"] = 3600,
            ["refresh_token"] = grant.RefreshToken!,
            ["x_refresh_token_expires_in"] = 8_640_000,
            ["access_token"] = grant.AccessToken!,
        });

    protected override IResult InvalidAccessToken(HttpContext context)
    {
        // Intuit's 401 is not an IntuitResponse: lower-case keys, numeric time, a WWW-Authenticate challenge
        // (recorded by minimul/qbo_api spec/vcr/error/401.yml).
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Intuit\", error=\"invalid_token\"";
        return GatewayFault(StatusCodes.Status401Unauthorized, "AUTHENTICATION", "3200",
            "message=AuthenticationFailed; errorCode=003200; statusCode=401", "Token expired or invalid");
    }

    // Same gateway shape as the 401, type SERVICE (quoted in intuit/oauth-jsclient#2).
    private IResult? RequireRealm(HttpContext context) => RealmOf(context) == QuickBooksSandboxCredentials.AcceptedRealmId
        ? null
        : GatewayFault(StatusCodes.Status403Forbidden, "SERVICE", "3100",
            "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", null);

    private IResult Throttled(HttpContext context, RateLimitDecision decision)
    {
        // accounting-apis.md 2.3: 429 with Fault code 3001 "ThrottleExceeded". Whether Intuit sends Retry-After is
        // unknown; the sandbox sends it so a client that honours it paces correctly.
        WriteRetryAfter(context, decision);
        // Fault type SERVICE, code 3001, as quickbooks-ruby recorded it (spec/fixtures/too_many_requests_error.xml, there in XML).
        return Fault(StatusCodes.Status429TooManyRequests, "SERVICE", "3001",
            "message=ThrottleExceeded; errorCode=003001; statusCode=429", $"The request limit was reached.  Try again later ({decision.Problem}).");
    }

    private IResult Fault(int status, string type, string code, string message, string detail) => VendorJson.Json(
        new Dictionary<string, object>
        {
            ["Fault"] = new Dictionary<string, object>
            {
                ["Error"] = new[] { new Dictionary<string, string> { ["Message"] = message, ["Detail"] = detail, ["code"] = code, ["element"] = "" } },
                ["type"] = type,
            },
            ["time"] = Time(),
        },
        status);

    private string Time() => Context.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private JsonObject CompanyInfoNow()
    {
        var company = Api.Company(QuickBooksSandboxCredentials.AcceptedRealmId);
        lock (company.Gate)
        {
            return QuickBooksApi.CompanyInfo(company);
        }
    }

    /// <summary>
    /// The body Intuit's gateway answers 401/403 with, unlike the IntuitResponse Fault of the API itself:
    /// <c>{"warnings":null,"intuitObject":null,"fault":{"error":[{"message":…,"detail":…,"code":"3200","element":null}],"type":"AUTHENTICATION"},…,"time":1601391072830,…}</c>.
    /// </summary>
    private IResult GatewayFault(int status, string type, string code, string message, string? detail)
    {
        var body = new JsonObject
        {
            ["warnings"] = null,
            ["intuitObject"] = null,
            ["fault"] = new JsonObject
            {
                ["error"] = new JsonArray(new JsonObject { ["message"] = message, ["detail"] = detail, ["code"] = code, ["element"] = null }),
                ["type"] = type,
            },
            ["report"] = null,
            ["queryResponse"] = null,
            ["batchItemResponse"] = new JsonArray(),
            ["attachableResponse"] = new JsonArray(),
            ["syncErrorResponse"] = null,
            ["requestId"] = null,
            ["time"] = Context.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            ["status"] = null,
            ["cdcresponse"] = new JsonArray(),
        };
        return Results.Content(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);
    }

    /// <summary>Puts a fresh <c>intuit_tid</c> on the answer (shape of recorded ids: <c>1-5f7349e0-0fd2bee86a8a83c67a77fbb2</c>).</summary>
    private ValueTask<object?> AddIntuitTid(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var seconds = Context.Time.GetUtcNow().ToUnixTimeSeconds();
        invocation.HttpContext.Response.Headers[IntuitTidHeader] =
            $"1-{seconds.ToString("x8", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..24]}";
        return next(invocation);
    }

    /// <summary>The response header of Intuit's transaction id.</summary>
    public const string IntuitTidHeader = "intuit_tid";
}
