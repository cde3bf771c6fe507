using Microsoft.Extensions.Options;

namespace WiseSync.Pay;

/// <summary>Rules the attributes cannot express: a blank path and an unknown time zone.</summary>
internal sealed class WisePayOptionsRulesValidator : IValidateOptions<WisePayOptions>
{
    public ValidateOptionsResult Validate(string? name, WisePayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("WisePayOptions.DatabasePath is required: the SQLite file (normally the ledger's file) that holds the pay_ tables.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZoneId ?? string.Empty) is null)
        {
            failures.Add($"WisePayOptions.TimeZoneId '{options.TimeZoneId}' is not an IANA time zone id (e.g. 'UTC', 'America/Chicago').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
