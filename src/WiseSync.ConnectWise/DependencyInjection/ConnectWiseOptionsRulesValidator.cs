using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync.ConnectWise.Api;
using WiseSync.Http;

namespace WiseSync.ConnectWise;

/// <summary>Rules of <see cref="ConnectWiseOptions"/> the annotations cannot express; names every wrong setting.</summary>
internal sealed class ConnectWiseOptionsRulesValidator : IValidateOptions<ConnectWiseOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectWiseOptions options)
    {
        var failures = new List<string>();
        var prefix = $"ConnectWise connection '{name}':";
        if (options.SiteUrl is null || !options.SiteUrl.IsAbsoluteUri)
        {
            failures.Add($"{prefix} SiteUrl is required (e.g. https://api-na.myconnectwise.net).");
        }

        if (BaseUrlValidator.FindInsecure(options.SiteUrl, "ConnectWise:SiteUrl") is { } insecure)
        {
            failures.Add($"{prefix} {insecure}");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && !Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"{prefix} ClientId must be the GUID registered at developer.connectwise.com.");
        }

        if (options.PageSize is < 1 or > ConnectWiseApi.MaxPageSize)
        {
            // Refused, not clamped: the setting says what the user believes happens (reference/psa-apis.md §2.2).
            failures.Add($"{prefix} PageSize must be between 1 and {ConnectWiseApi.MaxPageSize} (ConnectWise's hard limit of records per page); it is {options.PageSize}.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone ?? string.Empty) is null)
        {
            failures.Add($"{prefix} TimeZone '{options.TimeZone}' is not an IANA time zone id (e.g. America/New_York).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
