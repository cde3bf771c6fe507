using Microsoft.Extensions.Options;
using WiseSync.Http;

namespace WiseSync.Xero.DependencyInjection;

/// <summary>Rules of <see cref="XeroOptions"/> the annotations cannot express; messages name the setting (never its value).</summary>
internal sealed class XeroOptionsRulesValidator : IValidateOptions<XeroOptions>
{
    public ValidateOptionsResult Validate(string? name, XeroOptions options)
    {
        var prefix = $"Xero connection '{name}': ";
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.TenantId) && !Guid.TryParse(options.TenantId, out _))
        {
            failures.Add(prefix + "Xero:TenantId must be the organisation's tenant id (a GUID from /connections).");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || !options.IdentityBaseUrl.IsAbsoluteUri)
        {
            failures.Add(prefix + "Xero:ApiBaseUrl and Xero:IdentityBaseUrl must be absolute addresses.");
        }

        foreach (var problem in new[] { BaseUrlValidator.FindInsecure(options.ApiBaseUrl, "Xero:ApiBaseUrl"), BaseUrlValidator.FindInsecure(options.IdentityBaseUrl, "Xero:IdentityBaseUrl") }.OfType<string>())
        {
            failures.Add(prefix + problem);
        }

        if (options.OrganisationCacheDuration < TimeSpan.Zero)
        {
            failures.Add(prefix + "Xero:OrganisationCacheDuration must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
