using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WiseSync.Sandbox;

namespace WiseSync.Benchmarks.E2e;

/// <summary>Our side of the e2e run: the connection a host would register (AddWiseSync + the provider builders) aimed at the sandbox.</summary>
internal static class OurRun
{
    public const string Connection = "bench";

    public static ServiceProvider Build(SandboxServer sandbox, string psa, string accounting, string ledgerPath)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.TryAddSingleton(TimeProvider.System);
        var builder = services
            .AddWiseSync(Connection, options => options.DefaultNetDays = 30)
            .UseSqliteLedger(ledger => ledger.DatabasePath = ledgerPath);
        var scale = sandbox.Options.TimeScale;
        switch (psa)
        {
            case "autotask":
                builder.AddAutotask(o =>
                {
                    o.UserName = sandbox.Credentials.Autotask.UserName;
                    o.Secret = sandbox.Credentials.Autotask.Secret;
                    o.IntegrationCode = sandbox.Credentials.Autotask.ApiIntegrationCode;
                    o.ZoneLookupUrl = new Uri(sandbox.BaseUrl, "autotask/atservicesrest/");
                    o.TimeScale = scale;
                });
                break;
            default:
                throw new NotSupportedException($"--psa {psa}: its provider is not in this build yet (autotask is).");
        }

        switch (accounting)
        {
            case "xero":
                builder.AddXero(o =>
                {
                    var xero = sandbox.Credentials.Xero;
                    o.ClientId = xero.ClientId;
                    o.ClientSecret = xero.ClientSecret;
                    o.RefreshToken = xero.RefreshToken;
                    o.ApiBaseUrl = new Uri(sandbox.BaseUrl, "xero/");
                    o.IdentityBaseUrl = new Uri(sandbox.BaseUrl, "xero/identity/");
                    o.TimeScale = scale;
                });
                break;
            default:
                throw new NotSupportedException($"--accounting {accounting}: its provider is not in this build yet (xero is).");
        }

        return services.BuildServiceProvider();
    }
}
