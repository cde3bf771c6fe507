using Microsoft.Extensions.Options;

namespace WiseSync.DependencyInjection.Internal;

/// <summary>Rules of a connection's options the annotations cannot express (nested and keyed settings); every message names the setting.</summary>
internal sealed class WiseSyncOptionsRulesValidator : IValidateOptions<WiseSyncOptions>
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
