using System.Net.Http.Headers;

namespace WiseSync.Sandbox.ConnectWise;

/// <summary>ConnectWise PSA REST 3.0: Basic auth of company+public:private plus the clientId header; no published limits.</summary>
internal sealed partial class ConnectWiseEmulator : PsaVendorEmulator
{
    public const string Codebase = "v4_6_release";
    public const string ApiPath = "/" + Codebase + "/apis/3.0";

    /// <summary>
    /// psa-apis.md 2.7: ConnectWise documents no hard limit, but its cloud sits behind Cloudflare, which answers 429 to
    /// bursts. The sandbox emulates that edge with generous numbers (assumed, not published) so only a flood is refused.
    /// </summary>
    private static readonly VendorRateLimitPolicy Policy = new(
        MaxConcurrent: 10,
        [new RateWindow("Cloudflare minute", 2000, TimeSpan.FromMinutes(1))]);

    public ConnectWiseEmulator(EmulatorContext context)
        : base(context, "connectwise", ApiPath, Policy)
    {
        Store = new CwStore(context.Time);
    }

    /// <summary>The ConnectWise records and their posting state.</summary>
    internal CwStore Store { get; }

    public override void Map(RouteGroupBuilder group)
    {
        // psa-apis.md 2.1: codebase discovery, no auth.
        group.MapGet("/login/companyinfo/{companyId}", (string companyId) => string.Equals(companyId, ConnectWiseSandboxCredentials.AcceptedCompanyId, StringComparison.OrdinalIgnoreCase)
            ? VendorJson.Json(new Dictionary<string, object>
            {
                ["CompanyName"] = "WiseSync Sandbox",
                ["Codebase"] = Codebase + "/",
                ["VersionCode"] = "v2025.1",
                ["VersionNumber"] = "v4.6.0",
                ["CompanyID"] = ConnectWiseSandboxCredentials.AcceptedCompanyId,
                ["IsCloud"] = true,
            })
            : Results.NotFound());

        var api = group.MapGroup(ApiPath).AddEndpointFilter(Guard(RequireMember))
            .WithVendorRateLimit(new VendorRateLimitBinding(Limiter, _ => ConnectWiseSandboxCredentials.AcceptedCompanyId, _ => ConnectWiseSandboxCredentials.AcceptedCompanyId, NoQuotaHeaders, Throttled));
        api.MapGet("/system/info", () => VendorJson.Json(new Dictionary<string, object>
        {
            ["version"] = "v2025.1.0",
            ["isCloud"] = true,
            ["serverTimeZone"] = "Eastern Standard Time",
            ["licenseBits"] = Array.Empty<object>(),
            ["cloudRegion"] = "NA",
        }));
        MapEndpoints(api);
        MapUnknownPaths(api, NotFound);
        MapUnknownPaths(group, NotFound, RequireMember);
    }

    /// <summary>Finance, company and accounting-batch endpoints are added here by the ConnectWise emulator work.</summary>
    partial void MapEndpoints(RouteGroupBuilder api);

    protected override void LoadRecords(SandboxDataset data) => Store.Load(data);

    public override object? GetState(string collection) => Store.State(collection);

    public override object DescribeCredentials(SandboxCredentials credentials) => credentials.ConnectWise;

    private static IResult? RequireMember(HttpContext context)
    {
        var request = context.Request;
        if (!BasicMatches(request.Headers.Authorization.ToString()))
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Authentication failed.");
        // psa-apis.md 2.1: the clientId header is required on every request (what a missing one returns is unverified).
        if (!string.Equals(request.Headers["clientId"].ToString(), ConnectWiseSandboxCredentials.AcceptedClientId, StringComparison.OrdinalIgnoreCase))
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid clientId header is required.");
        return null;
    }

    private static bool BasicMatches(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
            return false;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter)) == $"{ConnectWiseSandboxCredentials.AcceptedCompanyId}+{ConnectWiseSandboxCredentials.AcceptedPublicKey}:{ConnectWiseSandboxCredentials.AcceptedPrivateKey}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "NotFound", "The requested resource was not found.");

    internal static IResult Error(int status, string code, string message) =>
        VendorJson.Json(new Dictionary<string, object> { ["code"] = code, ["message"] = message, ["errors"] = Array.Empty<object>() }, status);
}
