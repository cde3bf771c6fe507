using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WiseSync.Autotask;
using WiseSync.ConnectWise;
using WiseSync.QuickBooks;
using WiseSync.Xero;

namespace WiseSync.Samples.Console.Connections;

/// <summary>
/// Adds the chosen PSA and accounting providers to a connection exactly as a host would: the builder extensions with
/// either a sandbox (<c>UseSandbox</c>) or a configuration section.
/// </summary>
internal static class ProviderRegistration
{
    /// <summary>
    /// Adds the PSA and the accounting system against a sandbox: <c>UseSandbox</c> (WiseSync.Testing) sets their URLs, the
    /// sandbox's credentials and its time scale.
    /// </summary>
    public static void AddProviders(IWiseSyncBuilder builder, string psa, string accounting, SandboxTarget sandbox)
    {
        builder.UseSandbox(sandbox.BaseUrl, sandbox.Credentials, sandbox.TimeScale);
        _ = psa switch
        {
            "autotask" => builder.AddAutotask(),
            "connectwise" => builder.AddConnectWise(),
            _ => throw new Cli.UsageException($"--psa: unknown PSA '{psa}'."),
        };
        _ = accounting switch
        {
            "xero" => builder.AddXero(),
            // The sandbox company has the "Services" income account (id 1) of a new QBO company: item codes the PSA
            // uses become QBO items there instead of every line falling back to the default item with a warning.
            "quickbooks" => builder.AddQuickBooks(o => o.DefaultIncomeAccountId = "1"),
            _ => throw new Cli.UsageException($"--accounting: unknown accounting system '{accounting}'."),
        };
    }

    /// <summary>Adds the PSA from its configuration section (<c>Autotask</c> or <c>ConnectWise</c>).</summary>
    public static void AddPsa(IWiseSyncBuilder builder, string psa, IConfiguration configuration, string configFile) => _ = psa switch
    {
        "autotask" => builder.AddAutotask(RequiredSection(configuration, "Autotask", configFile)),
        "connectwise" => builder.AddConnectWise(RequiredSection(configuration, "ConnectWise", configFile)),
        _ => throw new Cli.UsageException($"--psa: unknown PSA '{psa}'."),
    };

    /// <summary>Adds the accounting system from its configuration section (<c>Xero</c> or <c>QuickBooks</c>).</summary>
    public static void AddAccounting(IWiseSyncBuilder builder, string accounting, IConfiguration configuration, string configFile) => _ = accounting switch
    {
        "xero" => builder.AddXero(RequiredSection(configuration, "Xero", configFile)),
        "quickbooks" => builder.AddQuickBooks(RequiredSection(configuration, "QuickBooks", configFile)),
        _ => throw new Cli.UsageException($"--accounting: unknown accounting system '{accounting}'."),
    };

    /// <summary>The PSA's IANA time zone, which decides what "today" is for the default <c>--thru</c>.</summary>
    public static string? PsaTimeZone(IServiceProvider services, string psa, string connection) => psa switch
    {
        "autotask" => services.GetRequiredService<IOptionsMonitor<AutotaskOptions>>().Get(connection).TimeZone,
        "connectwise" => services.GetRequiredService<IOptionsMonitor<ConnectWiseOptions>>().Get(connection).TimeZone,
        _ => null,
    };

    /// <summary>The provider's name as its sections and messages spell it.</summary>
    public static string DisplayName(string vendor) => vendor switch
    {
        "autotask" => "Autotask",
        "connectwise" => "ConnectWise",
        "xero" => "Xero",
        "quickbooks" => "QuickBooks",
        _ => vendor,
    };

    private static IConfigurationSection RequiredSection(IConfiguration configuration, string name, string configFile)
    {
        var section = configuration.GetSection(name);
        if (!section.Exists())
        {
            throw new ConfigurationException(
                $"--config {configFile}: the section '{name}' is missing (or set WISESYNC__{name}__... environment variables); see samples/README.md.");
        }

        return section;
    }
}
