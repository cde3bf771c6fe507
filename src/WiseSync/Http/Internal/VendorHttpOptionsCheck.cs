using Microsoft.Extensions.Options;

namespace WiseSync.Http.Internal;

/// <summary>Checks a client's options when the client is first built, so a bad setting fails at start with a clear message.</summary>
internal static class VendorHttpOptionsCheck
{
    public static VendorHttpOptions Get(IServiceProvider services, string clientName)
    {
        var options = ((IOptionsMonitor<VendorHttpOptions>)services.GetService(typeof(IOptionsMonitor<VendorHttpOptions>))!).Get(clientName);
        BaseUrlValidator.Validate(options.BaseAddress, $"{clientName}:BaseAddress");
        if (!(options.TimeScale > 0) || double.IsInfinity(options.TimeScale))
        {
            throw new ConfigurationException($"{clientName}:TimeScale must be a positive number.");
        }

        var limits = options.Limits;
        if (limits.MaxConcurrent < 0 || limits.RequestsPerWindow < 0 || limits.LongWindowBudget < 0
            || limits.Window <= TimeSpan.Zero || limits.LongWindow <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"{clientName}:Limits must not be negative and windows must be positive.");
        }

        if (options.TotalTimeout <= TimeSpan.Zero || options.AttemptTimeout <= TimeSpan.Zero || options.MaxRetryAttempts < 0)
        {
            throw new ConfigurationException($"{clientName}: timeouts must be positive and MaxRetryAttempts not negative.");
        }

        return options;
    }
}
