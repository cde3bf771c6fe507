using Microsoft.Extensions.DependencyInjection;
using WiseSync.Http;

namespace WiseSync.Autotask.Api;

/// <summary>Autotask's limits and headers as the plumbing takes them (reference/psa-apis.md §1.2, §1.9).</summary>
internal static class AutotaskHttpDefaults
{
    public const string Vendor = "autotask";

    public static void Configure(VendorHttpOptions http, AutotaskOptions options)
    {
        http.BaseAddress = options.ZoneUrl ?? options.ZoneLookupUrl;
        http.TimeScale = options.TimeScale;
        http.AttemptTimeout = options.RequestTimeout;
        http.Limits = new VendorRateLimits
        {
            // 10,000 requests per rolling hour per database, shared with every integration: use only our share.
            LongWindowBudget = Math.Max(1, (int)Math.Floor(options.HourlyRequestThreshold * options.ApiBudgetShare)),
            LongWindow = TimeSpan.FromHours(1),
            LongWindowName = "share of the hourly request threshold",
        };
        http.SecretHeaders.Add("Secret");
    }

    public static IReadOnlyDictionary<string, string> Headers(AutotaskOptions options)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["ApiIntegrationCode"] = options.IntegrationCode,
            ["UserName"] = options.UserName,
            ["Secret"] = options.Secret,
        };
        if (options.ImpersonationResourceId is { } resource)
        {
            headers["ImpersonationResourceId"] = resource.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return headers;
    }
}
