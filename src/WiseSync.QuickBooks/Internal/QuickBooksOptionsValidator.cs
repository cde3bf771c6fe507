using Microsoft.Extensions.Options;

namespace WiseSync.QuickBooks.Internal;

/// <summary>Checks a connection's settings at start; each message names the setting.</summary>
internal sealed class QuickBooksOptionsValidator : IValidateOptions<QuickBooksOptions>
{
    public ValidateOptionsResult Validate(string? name, QuickBooksOptions options)
    {
        var failures = new List<string>();
        var prefix = $"QuickBooks connection '{name}':";
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{prefix} ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{prefix} ClientSecret is required.");
        }

        if (string.IsNullOrWhiteSpace(options.RealmId) || !options.RealmId.All(char.IsAsciiDigit))
        {
            failures.Add($"{prefix} RealmId is required (the company id, digits only).");
        }

        if (!Enum.IsDefined(options.Environment))
        {
            failures.Add($"{prefix} Environment must be Production or Sandbox.");
        }

        if (options.MinorVersion < QuickBooksOptions.MinimumMinorVersion)
        {
            failures.Add($"{prefix} MinorVersion must be at least {QuickBooksOptions.MinimumMinorVersion} (QuickBooks ignores older ones).");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultItemId))
        {
            failures.Add($"{prefix} DefaultItemId is required (the item for lines without an item code).");
        }

        if (options.TaxTolerance < 0m)
        {
            failures.Add($"{prefix} TaxTolerance must not be negative.");
        }

        if (options.RequestsPerMinute <= 0 || options.MaxConcurrentRequests <= 0 || options.BatchRequestsPerMinute <= 0)
        {
            failures.Add($"{prefix} RequestsPerMinute, MaxConcurrentRequests and BatchRequestsPerMinute must be positive.");
        }

        foreach (var problem in new[] { InsecureUrl(options.BaseUrl, "QuickBooks:BaseUrl"), InsecureUrl(options.TokenUrl, "QuickBooks:TokenUrl") }.OfType<string>())
        {
            failures.Add($"{prefix} {problem}");
        }

        if (!(options.TimeScale > 0) || double.IsInfinity(options.TimeScale))
        {
            failures.Add($"{prefix} TimeScale must be a positive number.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The refusal of an http URL to a non-loopback host (credentials would travel in clear), else null.</summary>
    private static string? InsecureUrl(Uri? url, string setting) => WiseSync.Http.BaseUrlValidator.FindInsecure(url, setting);
}
