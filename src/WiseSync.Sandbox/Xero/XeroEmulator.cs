namespace WiseSync.Sandbox.Xero;

/// <summary>Xero: OAuth2 identity (rotating refresh tokens), connections, and the Accounting API at <c>api.xro/2.0</c>.</summary>
internal sealed partial class XeroEmulator : OAuthVendorEmulator
{
    public const string ConnectionId = "b1e0c7d2-4a36-4f58-8e9b-2c7d1a0f6e44";
    public const string AuthEventId = "d4a2f9e1-7c3b-4b6a-a1d8-9e5f0c2b7a13";
    public const string OrganisationName = "WiseSync Sandbox Ltd";
    public const string ApiPath = "/api.xro/2.0";
    public const string Scope = "offline_access accounting.transactions accounting.contacts accounting.settings";

    // accounting-apis.md 1.2: per tenant 5 concurrent, 60/minute, 5,000/day (rolling 24 h); per app 10,000/minute.
    // The window names are the values Xero sends in X-Rate-Limit-Problem, which are lower case (recorded answers:
    // tests/WiseSync.Xero.Tests/Fixtures/xero/SOURCES.md).
    public static readonly VendorRateLimitPolicy Policy = new(5,
    [
        new RateWindow(MinuteProblem, 60, TimeSpan.FromMinutes(1)),
        new RateWindow(DayProblem, 5000, TimeSpan.FromDays(1)),
        new RateWindow(AppMinuteProblem, 10000, TimeSpan.FromMinutes(1), AppWide: true),
    ]);

    public const string MinuteProblem = "minute";
    public const string DayProblem = "day";
    public const string AppMinuteProblem = "appminute";
    public const string ConcurrentProblem = "concurrent";

    private DateOnly? _periodLockDate;
    private DateOnly? _endOfYearLockDate;

    // accounting-apis.md 1.1: access token 30 min, refresh token 60 days, rotated token usable for 30 min — "as many
    // times as needed, in case the initial response ... is lost" (Xero staff, community.xero.com/developer/discussion/127920775).
    public XeroEmulator(EmulatorContext context)
        : base(context, ApiPath, Policy, new OAuthAuthorityOptions
        {
            Vendor = "xero",
            AccessTokenLifetime = TimeSpan.FromMinutes(30),
            RefreshTokenLifetime = TimeSpan.FromDays(60),
            RotationGrace = TimeSpan.FromMinutes(30),
            RotationGraceUses = null,
            AllowClientCredentials = true,
        })
    {
    }

    public override void Map(RouteGroupBuilder group)
    {
        group.MapPost("/identity/connect/token", TokenAsync);
        MapSandboxHelpers(group);

        var authenticated = group.MapGroup("").AddEndpointFilter(Guard(RequireAccessToken));
        authenticated.MapGet("/connections", () => VendorJson.Json(new[] { Connection() }));

        var api = group.MapGroup(ApiPath)
            .AddEndpointFilter(Guard(RequireAccessToken))
            .AddEndpointFilter(Guard(RequireTenant))
            .WithVendorRateLimit(new VendorRateLimitBinding(
                Limiter,
                Tenant: ctx => ctx.Request.Headers["xero-tenant-id"].ToString(),
                ConcurrencyScope: ctx => ctx.Request.Headers["xero-tenant-id"].ToString(),
                WriteQuotaHeaders,
                Throttled));
        api.MapGet("/Organisation", () => VendorJson.Json(Envelope("Organisations", [Organisation()])));
        MapAccounting(api);
        MapUnknownPaths(api, NotFound);

        authenticated.Map("/{**rest}", NotFound);
    }

    /// <summary>Business endpoints (invoices, contacts, payments) are added here by the Xero emulator work.</summary>
    partial void MapAccounting(RouteGroupBuilder api);

    /// <summary>Sandbox-only helpers of the Xero emulator (merge/archive contacts, lock dates).</summary>
    partial void MapSandboxHelpers(RouteGroupBuilder group);

    public override void Load(SandboxDataset data)
    {
        _periodLockDate = null;
        _endOfYearLockDate = null;
        foreach (var problem in data.Problems.Where(p => p.Kind == "lockDates" && p.Vendor is null or "xero" && p.Data is { ValueKind: JsonValueKind.Object }))
        {
            var lockDates = problem.Data!.Value;
            if (lockDates.TryGetProperty("periodLockDate", out var period))
                _periodLockDate = DateOnly.Parse(period.GetString()!, CultureInfo.InvariantCulture);
            if (lockDates.TryGetProperty("endOfYearLockDate", out var endOfYear))
                _endOfYearLockDate = DateOnly.Parse(endOfYear.GetString()!, CultureInfo.InvariantCulture);
        }

        Store.Clear();
        Store.SetLockDates(_periodLockDate, _endOfYearLockDate);

        // A large organisation refuses contact filters that are not optimised (see XeroAccountingStore.HighVolume).
        Store.HighVolume = data.Problems.Any(p => p.Kind == "highVolume" && p.Vendor is null or "xero");
    }

    public override object? GetState(string collection) => collection.ToLowerInvariant() switch
    {
        "organisation" => Envelope("Organisations", [Organisation()]),
        "connections" => new[] { Connection() },
        _ => Store.State(collection),
    };

    public override bool TryPay(PayRequest request, out string? error)
    {
        error = Store.Pay(request.InvoiceNumber, request.Amount, request.Date);
        return error is null;
    }

    public override object DescribeCredentials(SandboxCredentials credentials) => credentials.Xero;

    protected override IResult TokenIssued(TokenGrant grant) =>
        VendorJson.Json(new Dictionary<string, object?>
        {
            ["access_token"] = grant.AccessToken,
            ["expires_in"] = 1800,
            ["token_type"] = "Bearer",
            ["refresh_token"] = grant.RefreshToken,
            ["scope"] = Scope,
        }.Where(p => p.Value is not null).ToDictionary());

    protected override IResult InvalidAccessToken(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "AuthenticationUnsuccessful");
    }

    private static IResult? RequireTenant(HttpContext context)
    {
        // accounting-apis.md 1.1: a missing or wrong xero-tenant-id answers 403.
        var tenant = context.Request.Headers["xero-tenant-id"].ToString();
        return string.Equals(tenant, XeroSandboxCredentials.AcceptedTenantId, StringComparison.OrdinalIgnoreCase)
            ? null
            : Problem(StatusCodes.Status403Forbidden, "Forbidden", "AuthenticationUnsuccessful");
    }

    private static void WriteQuotaHeaders(HttpResponse response, RateLimitDecision decision)
    {
        // accounting-apis.md 1.2: quota headers on every answer.
        response.Headers["X-DayLimit-Remaining"] = Remaining(decision, DayProblem);
        response.Headers["X-MinLimit-Remaining"] = Remaining(decision, MinuteProblem);
        response.Headers["X-AppMinLimit-Remaining"] = Remaining(decision, AppMinuteProblem);
    }

    private static string Remaining(RateLimitDecision decision, string window) =>
        decision.Remaining.GetValueOrDefault(window).ToString(CultureInfo.InvariantCulture);

    private static IResult Throttled(HttpContext context, RateLimitDecision decision)
    {
        // accounting-apis.md 1.2: 429 with Retry-After (seconds) and X-Rate-Limit-Problem naming the limit.
        WriteRetryAfter(context, decision);
        var problem = decision.Problem == VendorRateLimiter.ConcurrentProblem ? ConcurrentProblem : decision.Problem;
        context.Response.Headers["X-Rate-Limit-Problem"] = problem;
        return Problem(StatusCodes.Status429TooManyRequests, "Too Many Requests", $"Rate limit exceeded: {problem}");
    }

    private static IResult Problem(int status, string title, string detail) => VendorJson.Json(
        new Dictionary<string, object?> { ["Type"] = null, ["Title"] = title, ["Status"] = status, ["Detail"] = detail },
        status);

    private static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "Not Found", "The resource you're looking for cannot be found");

    private Dictionary<string, object> Envelope(string name, object[] items) => new()
    {
        ["Id"] = Guid.NewGuid().ToString(),
        ["Status"] = "OK",
        ["ProviderName"] = "WiseSync Sandbox",
        ["DateTimeUTC"] = MsDate(Context.Time.GetUtcNow()),
        [name] = items,
    };

    private static Dictionary<string, object> Connection() => new()
    {
        ["id"] = ConnectionId,
        ["authEventId"] = AuthEventId,
        ["tenantId"] = XeroSandboxCredentials.AcceptedTenantId,
        ["tenantType"] = "ORGANISATION",
        ["tenantName"] = OrganisationName,
        ["createdDateUtc"] = "2026-01-05T09:00:00.0000000",
        ["updatedDateUtc"] = "2026-01-05T09:00:00.0000000",
    };

    private Dictionary<string, object?> Organisation() => new()
    {
        ["OrganisationID"] = XeroSandboxCredentials.AcceptedTenantId,
        ["APIKey"] = "",
        ["Name"] = OrganisationName,
        ["LegalName"] = OrganisationName,
        ["PaysTax"] = true,
        ["Version"] = "US",
        ["OrganisationType"] = "COMPANY",
        ["BaseCurrency"] = "USD",
        ["CountryCode"] = "US",
        ["IsDemoCompany"] = false,
        ["OrganisationStatus"] = "ACTIVE",
        ["FinancialYearEndDay"] = 31,
        ["FinancialYearEndMonth"] = 12,
        ["SalesTaxBasis"] = "ACCRUALS",
        ["SalesTaxPeriod"] = "QUARTERLY",
        ["DefaultSalesTax"] = "Tax Exclusive",
        ["DefaultPurchasesTax"] = "Tax Exclusive",
        ["PeriodLockDate"] = _periodLockDate is { } p ? MsDate(p) : null,
        ["EndOfYearLockDate"] = _endOfYearLockDate is { } e ? MsDate(e) : null,
        ["CreatedDateUTC"] = "/Date(1767603600000)/",
        ["OrganisationEntityType"] = "COMPANY",
        ["Timezone"] = "EASTERNSTANDARDTIME",
        ["ShortCode"] = OrganisationShortCode,
        ["Edition"] = "BUSINESS",
        ["Class"] = "PREMIUM",
        ["Addresses"] = Array.Empty<object>(),
        ["Phones"] = Array.Empty<object>(),
        ["ExternalLinks"] = Array.Empty<object>(),
        ["PaymentTerms"] = new Dictionary<string, object>(),
    };

    /// <summary>Xero's JSON dates: <c>/Date(ms+0000)/</c> (xero_accounting.yaml, x-is-msdate).</summary>
    public static string MsDate(DateOnly date) => $"/Date({new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()}+0000)/";

    public static string MsDate(DateTimeOffset time) => $"/Date({time.ToUnixTimeMilliseconds()})/";
}
