using System.Globalization;
using WiseSync.Sandbox.Data;
using WiseSync.Sandbox.OAuth;
using WiseSync.Sandbox.RateLimiting;
using WiseSync.Sandbox.Vendors;

namespace WiseSync.Sandbox.QuickBooks;

/// <summary>QuickBooks Online: OAuth2 token endpoint (rotating refresh tokens) and the v3 company API of one realm.</summary>
internal sealed partial class QuickBooksEmulator : IVendorEmulator
{
    public const string ClientId = "sandbox-client";
    public const string ClientSecret = "sandbox-secret";
    public const string FirstRefreshToken = "sandbox-refresh";
    public const string RealmId = "9130000000000001";
    public const string CompanyName = "WiseSync Sandbox Inc.";

    // accounting-apis.md 2.3: 500 requests/minute per realm, 10 concurrent per realm and app.
    public static readonly VendorRateLimitPolicy Policy = new(10,
    [
        new RateWindow("Minute", 500, TimeSpan.FromMinutes(1)),
    ]);

    private readonly EmulatorContext _context;
    private readonly VendorRateLimiter _limiter;

    public QuickBooksEmulator(EmulatorContext context)
    {
        _context = context;
        _limiter = new VendorRateLimiter(Policy, context.Options.TimeScale, context.Time, context.Options.RateLimits);
        // accounting-apis.md 2.1: access token 3600 s, refresh token 100 days (rolling); Intuit documents no
        // grace for a rotated token, so the sandbox uses Xero's 30 minutes, and only once (the cautious reading).
        Authority = new OAuthAuthority(
            new OAuthAuthorityOptions
            {
                Vendor = Vendor,
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                FirstRefreshToken = FirstRefreshToken,
                AccessTokenLifetime = TimeSpan.FromHours(1),
                RefreshTokenLifetime = TimeSpan.FromDays(100),
                RotationGrace = TimeSpan.FromMinutes(30),
                RotationGraceUses = 1,
            },
            context.Time,
            context.Options.TimeScale);
    }

    public string Vendor => "quickbooks";
    public string Prefix => "/quickbooks";
    public VendorRateLimitPolicy? Limits => Policy;
    public OAuthAuthority Authority { get; }

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/oauth2/v1/tokens/bearer", TokenAsync);

        var company = group.MapGroup("/v3/company/{realmId}")
            .AddEndpointFilter(RequireAccessToken)
            .AddEndpointFilter(RequireRealm)
            .WithVendorRateLimit(new VendorRateLimitBinding(
                _limiter,
                Tenant: RealmOf,
                ConcurrencyScope: RealmOf,
                static (_, _) => { },
                Throttled));
        company.MapGet("/companyinfo/{id}", (string id) => id == RealmId
            ? VendorJson.Json(new Dictionary<string, object> { ["CompanyInfo"] = CompanyInfo(), ["time"] = Time() })
            : Fault(StatusCodes.Status400BadRequest, "ValidationFault", "610", "Object Not Found", $"Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (CompanyInfo {id})"));
        MapAccounting(company);
        company.Map("/{**rest}", () => Fault(StatusCodes.Status404NotFound, "ValidationFault", "5030", "Unsupported Operation", "Operation is not supported by the sandbox."));

        group.MapGroup("").AddEndpointFilter(RequireAccessToken).Map("/{**rest}", () => Results.NotFound());
    }

    /// <summary>Business endpoints (customers, invoices, payments, query) are added here by the QuickBooks emulator work.</summary>
    partial void MapAccounting(RouteGroupBuilder company);

    public void Load(SandboxDataset data)
    {
        ResetAccounting();
    }

    public void ResetTraffic()
    {
        _limiter.Reset();
        Authority.RestoreFirstRefreshToken();
    }

    public object? GetState(string collection) => collection.ToLowerInvariant() switch
    {
        "companyinfo" => new Dictionary<string, object> { ["CompanyInfo"] = CompanyInfo() },
        _ => AccountingState(collection),
    };

    public bool TryPay(PayRequest request, out string? error) => PayInvoice(request, out error);

    public string RelativePath(string path)
    {
        var relative = path["/quickbooks".Length..];
        const string company = "/v3/company/";
        if (!relative.StartsWith(company, StringComparison.OrdinalIgnoreCase))
            return relative;
        var afterRealm = relative.IndexOf('/', company.Length);
        return afterRealm < 0 ? "/" : relative[afterRealm..];
    }

    public object DescribeCredentials(SandboxCredentials credentials) => credentials.QuickBooks;

    private static string RealmOf(HttpContext context) => context.Request.RouteValues["realmId"]?.ToString() ?? "";

    private async Task<IResult> TokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var grant = await Authority.HandleAsync(request, cancellationToken);
        if (!grant.Succeeded)
            return Results.Json(new Dictionary<string, string> { ["error"] = grant.Error! }, statusCode: grant.Status);
        return VendorJson.Json(new Dictionary<string, object>
        {
            ["token_type"] = "bearer",
            ["expires_in"] = 3600,
            ["refresh_token"] = grant.RefreshToken!,
            ["x_refresh_token_expires_in"] = 8_640_000,
            ["access_token"] = grant.AccessToken!,
        });
    }

    private async ValueTask<object?> RequireAccessToken(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (!Authority.IsValidAccessToken(OAuthAuthority.BearerToken(invocation.HttpContext.Request)))
        {
            return Fault(StatusCodes.Status401Unauthorized, "AUTHENTICATION", "3200",
                "message=AuthenticationFailed; errorCode=003200; statusCode=401", "Token expired or invalid");
        }

        return await next(invocation);
    }

    private async ValueTask<object?> RequireRealm(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (RealmOf(invocation.HttpContext) != RealmId)
        {
            return Fault(StatusCodes.Status403Forbidden, "AuthorizationFault", "3100",
                "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", "The app is not authorised for this company");
        }

        return await next(invocation);
    }

    private IResult Throttled(HttpContext context, RateLimitDecision decision)
    {
        // accounting-apis.md 2.3: 429 with Fault code 3001 "ThrottleExceeded". Whether Intuit sends Retry-After is
        // unknown; the sandbox sends it so a client that honours it paces correctly.
        context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Fault(StatusCodes.Status429TooManyRequests, "ThrottleExceeded", "3001",
            "message=ThrottleExceeded; errorCode=003001; statusCode=429", $"The request limit was reached ({decision.Problem}).");
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

    private string Time() => _context.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static Dictionary<string, object> CompanyInfo() => new()
    {
        ["CompanyName"] = CompanyName,
        ["LegalName"] = CompanyName,
        ["CompanyAddr"] = new Dictionary<string, string> { ["Id"] = "1", ["Line1"] = "1 Sandbox Way", ["City"] = "Mountain View", ["CountrySubDivisionCode"] = "CA", ["PostalCode"] = "94043", ["Country"] = "US" },
        ["Email"] = new Dictionary<string, string> { ["Address"] = "books@sandbox.example" },
        ["Country"] = "US",
        ["FiscalYearStartMonth"] = "January",
        ["SupportedLanguages"] = "en",
        ["domain"] = "QBO",
        ["sparse"] = false,
        ["Id"] = "1",
        ["SyncToken"] = "0",
        ["MetaData"] = new Dictionary<string, string> { ["CreateTime"] = "2026-01-05T01:00:00-08:00", ["LastUpdatedTime"] = "2026-01-05T01:00:00-08:00" },
    };
}
