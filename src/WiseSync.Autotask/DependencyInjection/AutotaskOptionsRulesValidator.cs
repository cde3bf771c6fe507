using Microsoft.Extensions.Options;
using NodaTime;
using WiseSync.Http;

namespace WiseSync.Autotask.DependencyInjection;

/// <summary>Rules of <see cref="AutotaskOptions"/> the annotations cannot express; each message names the setting to fix.</summary>
internal sealed class AutotaskOptionsRulesValidator : IValidateOptions<AutotaskOptions>
{
    public ValidateOptionsResult Validate(string? name, AutotaskOptions options)
    {
        var failures = new List<string>();
        var where = $"(Autotask connection '{name}')";
        if (options.ZoneUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"Autotask:ZoneUrl must be an absolute URL {where}.");
        }

        foreach (var problem in new[] { BaseUrlValidator.FindInsecure(options.ZoneUrl, "Autotask:ZoneUrl"), BaseUrlValidator.FindInsecure(options.ZoneLookupUrl, "Autotask:ZoneLookupUrl") }.OfType<string>())
        {
            failures.Add($"{problem} {where}");
        }

        // Kept here, not as a range attribute, so the message can quote the value given.
        if (options.ApiBudgetShare is not (> 0 and <= 1))
        {
            failures.Add($"Autotask:ApiBudgetShare must be more than 0 and at most 1 {where}; it is {options.ApiBudgetShare}.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is null)
        {
            failures.Add($"Autotask:TimeZone '{options.TimeZone}' is not an IANA time zone {where}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
