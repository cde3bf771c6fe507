using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WiseSync.Samples.Console.Connections;
using WiseSync.Sandbox;

namespace WiseSync.Reliability.Tests.Security;

/// <summary>
/// Connections against in-process sandboxes, registered exactly as the console harness registers them
/// (<see cref="ProviderRegistration"/>): <c>AddWiseSync(name)</c>, the shared SQLite ledger, then the provider builders.
/// </summary>
internal static class InProcessConnections
{
    public static Task<SandboxServer> StartSandboxAsync(int seed = 1, int companies = 6, int invoices = 12) =>
        SandboxServer.StartAsync(new SandboxOptions { Seed = seed, Companies = companies, Invoices = invoices, TimeScale = 60 });

    public static ServiceCollection Services(ILoggerProvider logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        return services;
    }

    public static void Add(IServiceCollection services, string name, SandboxServer sandbox, string psa, string accounting, string ledgerPath)
    {
        var builder = services.AddWiseSync(name, static _ => { }).UseSqliteLedger(o => o.DatabasePath = ledgerPath);
        var target = SandboxTarget.Of(sandbox);
        ProviderRegistration.AddProviders(builder, psa, accounting, target);
    }

    /// <summary>Builds the provider and runs the start-up validation IHost would run.</summary>
    public static ServiceProvider Build(IServiceCollection services)
    {
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return provider;
    }

    public static Task<SyncReport> RunAsync(IServiceProvider services, string name, SandboxServer sandbox) =>
        services.GetRequiredService<ISyncPipelineFactory>().Create(name)
            .RunAsync(new SyncRequest(SyncAction.PostToAccounting, NodaTime.LocalDate.FromDateOnly(sandbox.Options.ReferenceDate)));

    public static async Task<string> GetAsync(SandboxServer sandbox, string path)
    {
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        return body;
    }
}
