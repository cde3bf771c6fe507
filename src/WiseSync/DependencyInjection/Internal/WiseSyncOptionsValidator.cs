using Microsoft.Extensions.Options;

namespace WiseSync.DependencyInjection.Internal;

/// <summary>Checks a connection's options on start; every message names the setting.</summary>
internal sealed class WiseSyncOptionsValidator : IValidateOptions<WiseSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, WiseSyncOptions options)
    {
        var prefix = string.IsNullOrEmpty(name) || name == WiseSyncDefaults.ConnectionName ? "WiseSync" : $"WiseSync '{name}'";
        var failures = new List<string>();
        if (options.Lines is null)
        {
            failures.Add($"{prefix}: Lines is required.");
        }
        else
        {
            if (options.Lines.RoundingTolerance < 0m)
            {
                failures.Add($"{prefix}: Lines:RoundingTolerance must be zero or more (was {options.Lines.RoundingTolerance}).");
            }

            if (string.IsNullOrWhiteSpace(options.Lines.RoundingDescription))
            {
                failures.Add($"{prefix}: Lines:RoundingDescription is required (the text of a rounding line).");
            }
        }

        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}: LeaseDuration must be positive.");
        }

        if (options.PaymentStatusBatchSize < 1)
        {
            failures.Add($"{prefix}: PaymentStatusBatchSize must be at least 1.");
        }

        if (options.OrphanAfterFailedRuns < 1)
        {
            failures.Add($"{prefix}: OrphanAfterFailedRuns must be at least 1.");
        }

        if (options.DefaultNetDays is < 0)
        {
            failures.Add($"{prefix}: DefaultNetDays must be zero or more.");
        }

        foreach (var (terms, rule) in options.PaymentTerms ?? [])
        {
            if (rule is null || rule.Days < 0)
            {
                failures.Add($"{prefix}: PaymentTerms:{terms}:Days must be zero or more.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
