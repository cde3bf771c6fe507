using Microsoft.Extensions.Options;

namespace WiseSync.Xero.Internal;

/// <summary>Checks a connection's <see cref="XeroOptions"/> at start; messages name the setting (never its value).</summary>
internal sealed class XeroOptionsValidator(string connectionName) : IValidateOptions<XeroOptions>
{
    public ValidateOptionsResult Validate(string? name, XeroOptions options)
    {
        if (!string.Equals(name, connectionName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var prefix = $"Xero connection '{connectionName}': ";
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add(prefix + "Xero:ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add(prefix + "Xero:ClientSecret is required.");
        }

        if (!string.IsNullOrWhiteSpace(options.TenantId) && !Guid.TryParse(options.TenantId, out _))
        {
            failures.Add(prefix + "Xero:TenantId must be the organisation's tenant id (a GUID from /connections).");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultAccountCode))
        {
            failures.Add(prefix + "Xero:DefaultAccountCode is required (the sales account for lines without one).");
        }

        if (options.DivisionTrackingCategory is { Length: > 100 })
        {
            failures.Add(prefix + "Xero:DivisionTrackingCategory must be at most 100 characters (schemas.LineItemTracking.Name).");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || !options.IdentityBaseUrl.IsAbsoluteUri)
        {
            failures.Add(prefix + "Xero:ApiBaseUrl and Xero:IdentityBaseUrl must be absolute addresses.");
        }

        foreach (var problem in new[] { InsecureUrl(options.ApiBaseUrl, "Xero:ApiBaseUrl"), InsecureUrl(options.IdentityBaseUrl, "Xero:IdentityBaseUrl") }.OfType<string>())
        {
            failures.Add(prefix + problem);
        }

        if (!(options.TimeScale > 0) || double.IsInfinity(options.TimeScale))
        {
            failures.Add(prefix + "Xero:TimeScale must be a positive number.");
        }

        if (options.OrganisationCacheDuration < TimeSpan.Zero)
        {
            failures.Add(prefix + "Xero:OrganisationCacheDuration must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The refusal of an http URL to a non-loopback host (credentials would travel in clear), else null.</summary>
    private static string? InsecureUrl(Uri? url, string setting) => WiseSync.Http.BaseUrlValidator.FindInsecure(url, setting);
}
