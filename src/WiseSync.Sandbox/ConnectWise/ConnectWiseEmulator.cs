using System.Net.Http.Headers;
using System.Text;
using WiseSync.Sandbox.Data;
using WiseSync.Sandbox.RateLimiting;
using WiseSync.Sandbox.Vendors;

namespace WiseSync.Sandbox.ConnectWise;

/// <summary>ConnectWise PSA REST 3.0: Basic auth of company+public:private plus the clientId header; no published limits.</summary>
internal sealed partial class ConnectWiseEmulator : IVendorEmulator
{
    public const string CompanyId = "sandbox";
    public const string PublicKey = "sandbox-public";
    public const string PrivateKey = "sandbox-private";
    public const string ClientId = "00000000-0000-0000-0000-00000000c0de";
    public const string Codebase = "v4_6_release";
    public const string ApiPath = "/" + Codebase + "/apis/3.0";

    /// <summary>
    /// psa-apis.md 2.7: ConnectWise documents no hard limit, but its cloud sits behind Cloudflare, which answers 429 to
    /// bursts. The sandbox emulates that edge with generous numbers (assumed, not published) so only a flood is refused.
    /// </summary>
    private static readonly VendorRateLimitPolicy Policy = new(
        MaxConcurrent: 10,
        [new RateWindow("Cloudflare minute", 2000, TimeSpan.FromMinutes(1))]);

    private readonly VendorRateLimiter _limiter;

    public ConnectWiseEmulator(EmulatorContext context)
    {
        _limiter = new VendorRateLimiter(Policy, context.Options.TimeScale, context.Time, context.Options.RateLimits);
        Store = new CwStore(context.Time);
    }

    /// <summary>The ConnectWise records and their posting state.</summary>
    internal CwStore Store { get; }

    public string Vendor => "connectwise";
    public string Prefix => "/connectwise";

    public VendorRateLimitPolicy? Limits => Policy;

    /// <summary>The dataset the ConnectWise records are presented from.</summary>
    public SandboxDataset Data { get; private set; } = new();

    public void Map(RouteGroupBuilder group)
    {
        // psa-apis.md 2.1: codebase discovery, no auth.
        group.MapGet("/login/companyinfo/{companyId}", (string companyId) => string.Equals(companyId, CompanyId, StringComparison.OrdinalIgnoreCase)
            ? VendorJson.Json(new Dictionary<string, object>
            {
                ["CompanyName"] = "WiseSync Sandbox",
                ["Codebase"] = Codebase + "/",
                ["VersionCode"] = "v2025.1",
                ["VersionNumber"] = "v4.6.0",
                ["CompanyID"] = CompanyId,
                ["IsCloud"] = true,
            })
            : Results.NotFound());

        var api = group.MapGroup(ApiPath).AddEndpointFilter(RequireMember)
            .WithVendorRateLimit(new VendorRateLimitBinding(_limiter, _ => CompanyId, _ => CompanyId, static (_, _) => { }, Throttled));
        api.MapGet("/system/info", () => VendorJson.Json(new Dictionary<string, object>
        {
            ["version"] = "v2025.1.0",
            ["isCloud"] = true,
            ["serverTimeZone"] = "Eastern Standard Time",
            ["licenseBits"] = Array.Empty<object>(),
            ["cloudRegion"] = "NA",
        }));
        MapEndpoints(api);
        api.Map("/{**rest}", () => Error(StatusCodes.Status404NotFound, "NotFound", "The requested resource was not found."));

        group.MapGroup("").AddEndpointFilter(RequireMember).Map("/{**rest}", () => Error(StatusCodes.Status404NotFound, "NotFound", "The requested resource was not found."));
    }

    /// <summary>Finance, company and accounting-batch endpoints are added here by the ConnectWise emulator work.</summary>
    partial void MapEndpoints(RouteGroupBuilder api);

    public void Load(SandboxDataset data)
    {
        Data = data;
        Store.Load(data);
    }

    public void ResetTraffic() => _limiter.Reset();

    public object? GetState(string collection) => Store.State(collection);

    public bool TryPay(PayRequest request, out string? error)
    {
        error = "connectwise is a PSA; payments are made in xero or quickbooks";
        return false;
    }

    public string RelativePath(string path)
    {
        var relative = path["/connectwise".Length..];
        return relative.StartsWith(ApiPath, StringComparison.OrdinalIgnoreCase) ? relative[ApiPath.Length..] : relative;
    }

    public object DescribeCredentials(SandboxCredentials credentials) => credentials.ConnectWise;

    private static async ValueTask<object?> RequireMember(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var request = invocation.HttpContext.Request;
        if (!BasicMatches(request.Headers.Authorization.ToString()))
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Authentication failed.");
        // psa-apis.md 2.1: the clientId header is required on every request (what a missing one returns is unverified).
        if (!string.Equals(request.Headers["clientId"].ToString(), ClientId, StringComparison.OrdinalIgnoreCase))
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid clientId header is required.");
        return await next(invocation);
    }

    private static bool BasicMatches(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
            return false;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter)) == $"{CompanyId}+{PublicKey}:{PrivateKey}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static IResult Error(int status, string code, string message) =>
        VendorJson.Json(new Dictionary<string, object> { ["code"] = code, ["message"] = message, ["errors"] = Array.Empty<object>() }, status);
}
