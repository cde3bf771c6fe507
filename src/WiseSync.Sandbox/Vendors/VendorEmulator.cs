namespace WiseSync.Sandbox.Vendors;

/// <summary>
/// The skeleton every emulator shares: its vendor key and prefix, its rate limiter, the credential guard on its
/// routes, the catch-all that answers unknown paths in the vendor's own error shape, and the admin hooks.
/// A vendor adds only what is its own: routes, records, error bodies.
/// </summary>
internal abstract class VendorEmulator : IVendorEmulator
{
    /// <summary>A quota-header writer for vendors that send none.</summary>
    protected static readonly Action<HttpResponse, RateLimitDecision> NoQuotaHeaders = static (_, _) => { };

    // The vendor's API path below the prefix, e.g. "/api.xro/2.0"; byRoute leaves it out.
    private readonly string _apiPath;

    protected VendorEmulator(EmulatorContext context, string vendor, string apiPath, VendorRateLimitPolicy policy)
    {
        Context = context;
        Vendor = vendor;
        _apiPath = apiPath;
        Limits = policy;
        Limiter = new VendorRateLimiter(policy, context.Options.TimeScale, context.Time, context.Options.RateLimits);
    }

    /// <summary>The sandbox options and clock.</summary>
    protected EmulatorContext Context { get; }

    /// <summary>The limiter of <see cref="Limits"/>.</summary>
    protected VendorRateLimiter Limiter { get; }

    public string Vendor { get; }

    public string Prefix => "/" + Vendor;

    public VendorRateLimitPolicy? Limits { get; }

    public abstract void Map(RouteGroupBuilder group);

    public abstract void Load(SandboxDataset data);

    public virtual void ResetTraffic() => Limiter.Reset();

    public abstract object? GetState(string collection);

    /// <summary>PSAs take no payments; the accounting emulators override this.</summary>
    public virtual bool TryPay(PayRequest request, out string? error)
    {
        error = $"{Vendor} is a PSA; payments are made in xero or quickbooks";
        return false;
    }

    public virtual string RelativePath(string path)
    {
        var relative = path[Prefix.Length..];
        return relative.StartsWith(_apiPath, StringComparison.OrdinalIgnoreCase) ? relative[_apiPath.Length..] : relative;
    }

    public abstract object DescribeCredentials(SandboxCredentials credentials);

    /// <summary>
    /// An endpoint filter from a check that gives the vendor's refusal, or null to let the request through.
    /// </summary>
    protected static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Guard(Func<HttpContext, IResult?> check) =>
        async (invocation, next) => check(invocation.HttpContext) ?? await next(invocation);

    /// <summary>Answers every path under <paramref name="group"/> that no route took, after the credential checks.</summary>
    protected static void MapUnknownPaths(RouteGroupBuilder group, Func<IResult> notFound, params Func<HttpContext, IResult?>[] checks)
    {
        var guarded = group.MapGroup("");
        foreach (var check in checks)
            guarded.AddEndpointFilter(Guard(check));
        guarded.Map("/{**rest}", notFound);
    }

    /// <summary>Sends <c>Retry-After</c> in whole seconds, as every emulator does with its 429.</summary>
    protected static void WriteRetryAfter(HttpContext context, RateLimitDecision decision) =>
        context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
}
