using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WiseSync.Auth;
using WiseSync.Http;

namespace WiseSync.Tests.Http;

/// <summary>
/// A test-only vendor profile shaped like Xero's (reference/accounting-apis.md §1.2), wired the way a provider
/// will wire it, against a sandbox.
/// </summary>
internal static class XeroLikeProfile
{
    public const string Vendor = "xero";
    public const string Connection = "default";
    public const string ClientSecret = "sandbox-secret";
    public const string FirstRefreshToken = "sandbox-refresh";

    public static VendorRateLimits Limits { get; } = new()
    {
        MaxConcurrent = 5,
        RequestsPerWindow = 60,
        Window = TimeSpan.FromMinutes(1),
        WindowName = "minute limit",
        LongWindowBudget = 5000,
        LongWindow = TimeSpan.FromDays(1),
        LongWindowName = "daily limit",
    };

    public static void Apply(VendorHttpOptions options, Uri baseUrl, double timeScale)
    {
        options.BaseAddress = baseUrl;
        options.TimeScale = timeScale;
        options.Limits = Limits;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.ClassifyThrottle = response => response.Headers.TryGetValues("X-Rate-Limit-Problem", out var problem)
            && problem.First().Equals("Daily", StringComparison.OrdinalIgnoreCase)
                ? new VendorThrottle(RateLimitKind.LongWindow, "daily limit")
                : null;
        options.ReadQuota = response => new VendorQuota(Header(response, "X-MinLimit-Remaining"), Header(response, "X-DayLimit-Remaining"));
    }

    public static void ApplyOAuth(OAuth2ClientOptions options, Uri baseUrl)
    {
        options.TokenEndpoint = new Uri(baseUrl, "xero/identity/connect/token");
        options.ClientId = "sandbox-client";
        options.ClientSecret = ClientSecret;
        options.InitialRefreshToken = FirstRefreshToken;
    }

    public static ServiceProvider Build(
        Uri baseUrl,
        double timeScale,
        ITokenStore store,
        Action<VendorHttpOptions>? http = null,
        Action<OAuth2ClientOptions>? oauth = null,
        TimeProvider? time = null,
        ILoggerProvider? logs = null,
        Action<IVendorHttpClientBuilder>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        var client = services.AddVendorHttpClient<XeroLikeClient, XeroLikeClient>(Vendor, Connection, o =>
        {
            Apply(o, baseUrl, timeScale);
            http?.Invoke(o);
        });
        client.AddOAuth2(o =>
        {
            ApplyOAuth(o, baseUrl);
            oauth?.Invoke(o);
        });
        extra?.Invoke(client);
        return services.BuildServiceProvider();
    }

    public static XeroLikeClient Client(this IServiceProvider services) => services.GetRequiredKeyedService<XeroLikeClient>(Connection);

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
