using Microsoft.Extensions.Options;
using NodaTime;

namespace WiseSync.Autotask.DependencyInjection;

/// <summary>Checks an Autotask connection's settings on start; each message names the setting to fix.</summary>
internal sealed class AutotaskOptionsValidator : IValidateOptions<AutotaskOptions>
{
    public ValidateOptionsResult Validate(string? name, AutotaskOptions options)
    {
        var failures = new List<string>();
        var where = $"(Autotask connection '{name}')";
        if (string.IsNullOrWhiteSpace(options.UserName))
        {
            failures.Add($"Autotask:UserName is required {where}: the API-only user's user name.");
        }

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add($"Autotask:Secret is required {where}: the API user's secret.");
        }

        if (string.IsNullOrWhiteSpace(options.IntegrationCode))
        {
            failures.Add($"Autotask:IntegrationCode is required {where}: the API tracking identifier.");
        }

        if (options.ZoneUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"Autotask:ZoneUrl must be an absolute URL {where}.");
        }

        foreach (var problem in new[] { InsecureUrl(options.ZoneUrl, "Autotask:ZoneUrl"), InsecureUrl(options.ZoneLookupUrl, "Autotask:ZoneLookupUrl") }.OfType<string>())
        {
            failures.Add($"{problem} {where}");
        }

        if (options.ApiBudgetShare is not (> 0 and <= 1))
        {
            failures.Add($"Autotask:ApiBudgetShare must be more than 0 and at most 1 {where}; it is {options.ApiBudgetShare}.");
        }

        if (options.HourlyRequestThreshold < 1)
        {
            failures.Add($"Autotask:HourlyRequestThreshold must be positive {where}.");
        }

        if (options.MaxThreadsPerEndpoint is < 1 or > 3)
        {
            failures.Add($"Autotask:MaxThreadsPerEndpoint must be 1 to 3 {where}: Autotask allows 3 threads per endpoint.");
        }

        if (options.TimeScale <= 0)
        {
            failures.Add($"Autotask:TimeScale must be positive {where}.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is null)
        {
            failures.Add($"Autotask:TimeZone '{options.TimeZone}' is not an IANA time zone {where}.");
        }

        if (string.IsNullOrWhiteSpace(options.Currency) || options.Currency.Length != 3)
        {
            failures.Add($"Autotask:Currency must be a 3-letter ISO code {where}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The refusal of an http URL to a non-loopback host (credentials would travel in clear), else null.</summary>
    private static string? InsecureUrl(Uri? url, string setting) => WiseSync.Http.BaseUrlValidator.FindInsecure(url, setting);
}
