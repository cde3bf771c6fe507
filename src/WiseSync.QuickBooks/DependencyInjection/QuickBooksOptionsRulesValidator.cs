using Microsoft.Extensions.Options;
using WiseSync.Http;

namespace WiseSync.QuickBooks.DependencyInjection;

/// <summary>Rules of <see cref="QuickBooksOptions"/> the annotations cannot express; each message names the setting.</summary>
internal sealed class QuickBooksOptionsRulesValidator : IValidateOptions<QuickBooksOptions>
{
    public ValidateOptionsResult Validate(string? name, QuickBooksOptions options)
    {
        var failures = new List<string>();
        var prefix = $"QuickBooks connection '{name}':";
        if (!string.IsNullOrWhiteSpace(options.RealmId) && !options.RealmId.All(char.IsAsciiDigit))
        {
            failures.Add($"{prefix} RealmId is required (the company id, digits only).");
        }

        if (!Enum.IsDefined(options.Environment))
        {
            failures.Add($"{prefix} Environment must be Production or Sandbox.");
        }

        // A decimal bound reads badly as an attribute (RangeAttribute takes it as a string).
        if (options.TaxTolerance < 0m)
        {
            failures.Add($"{prefix} TaxTolerance must not be negative.");
        }

        foreach (var problem in new[] { BaseUrlValidator.FindInsecure(options.BaseUrl, "QuickBooks:BaseUrl"), BaseUrlValidator.FindInsecure(options.TokenUrl, "QuickBooks:TokenUrl") }.OfType<string>())
        {
            failures.Add($"{prefix} {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
