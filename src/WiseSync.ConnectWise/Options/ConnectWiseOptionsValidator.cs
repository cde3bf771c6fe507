using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync.ConnectWise.Api;

namespace WiseSync.ConnectWise;

/// <summary>Checks a connection's settings at start and names every missing or wrong one.</summary>
internal sealed class ConnectWiseOptionsValidator : IValidateOptions<ConnectWiseOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectWiseOptions options)
    {
        var failures = new List<string>();
        var prefix = $"ConnectWise connection '{name}':";
        if (options.SiteUrl is null || !options.SiteUrl.IsAbsoluteUri)
        {
            failures.Add($"{prefix} SiteUrl is required (e.g. https://api-na.myconnectwise.net).");
        }

        if (InsecureUrl(options.SiteUrl, "ConnectWise:SiteUrl") is { } insecure)
        {
            failures.Add($"{prefix} {insecure}");
        }

        if (string.IsNullOrWhiteSpace(options.Codebase))
        {
            failures.Add($"{prefix} Codebase is required (e.g. v4_6_release).");
        }

        Require(options.CompanyId, nameof(options.CompanyId));
        Require(options.PublicKey, nameof(options.PublicKey));
        Require(options.PrivateKey, nameof(options.PrivateKey));
        Require(options.ClientId, nameof(options.ClientId));
        if (!string.IsNullOrWhiteSpace(options.ClientId) && !Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"{prefix} ClientId must be the GUID registered at developer.connectwise.com.");
        }

        if (options.PageSize is < 1 or > Api.ConnectWiseApi.MaxPageSize)
        {
            // Refused, not clamped: the setting says what the user believes happens (reference/psa-apis.md §2.2).
            failures.Add($"{prefix} PageSize must be between 1 and {Api.ConnectWiseApi.MaxPageSize} (ConnectWise's hard limit of records per page); it is {options.PageSize}.");
        }

        if (options.IdsPerQuery is < 1 or > 1000)
        {
            failures.Add($"{prefix} IdsPerQuery must be between 1 and 1000.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone ?? string.Empty) is null)
        {
            failures.Add($"{prefix} TimeZone '{options.TimeZone}' is not an IANA time zone id (e.g. America/New_York).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(string? value, string setting)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{prefix} {setting} is required.");
            }
        }
    }

    /// <summary>The refusal of an http URL to a non-loopback host (credentials would travel in clear), else null.</summary>
    private static string? InsecureUrl(Uri? url, string setting) => WiseSync.Http.BaseUrlValidator.FindInsecure(url, setting);
}
