using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WiseSync.Samples.Tests.Support;
using WiseSync.Samples.Worker.Hosting;

namespace WiseSync.Samples.Tests.Worker;

/// <summary>
/// <c>WiseSync:ProtectTokens</c>: the worker keeps the ledger's OAuth tokens protected by ASP.NET Core Data Protection
/// (issue 17 item 8), through the engine's <see cref="ITokenProtector"/> seam; the engine itself stays free of ASP.NET.
/// </summary>
public sealed class TokenProtectionTests
{
    [Fact]
    public async Task Protected_tokens_are_not_in_the_ledger_in_plain_text_and_only_the_same_key_ring_reads_them()
    {
        await using var sandbox = await SandboxHost.StartAsync(invoices: 4, companies: 2);
        var keys = Path.Combine(sandbox.Directory, "keys");
        await using var accounting = VendorClient(sandbox, keys);

        // A connection test renews the Xero token: the rotated pair is stored through the protector.
        var result = await accounting.GetRequiredKeyedService<IAccountingSink>("acme").TestConnectionAsync();
        Assert.True(result.Succeeded, result.Message);

        var raw = RawTokens(sandbox.Database);
        Assert.NotEmpty(raw);
        Assert.All(raw, value => Assert.StartsWith("protected:aspnet-dp:", value, StringComparison.Ordinal));
        Assert.DoesNotContain(raw, value => value.Contains("xero-", StringComparison.Ordinal) || value.Contains("sandbox-refresh", StringComparison.Ordinal));

        await using var sameKeys = VendorClient(sandbox, keys);
        var stored = await sameKeys.GetRequiredService<ITokenStore>().GetAsync("xero", "acme");
        Assert.StartsWith("xero-rt-", stored!.RefreshToken, StringComparison.Ordinal);

        await using var otherKeys = VendorClient(sandbox, Path.Combine(sandbox.Directory, "other-keys"));
        var ex = await Assert.ThrowsAsync<TokenStoreException>(() => otherKeys.GetRequiredService<ITokenStore>().GetAsync("xero", "acme"));
        Assert.Contains("could not be unprotected", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xero-rt-", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_setting_tokens_stay_plain_as_before()
    {
        await using var sandbox = await SandboxHost.StartAsync(invoices: 4, companies: 2);
        await using var accounting = VendorClient(sandbox, keysFolder: null);

        var result = await accounting.GetRequiredKeyedService<IAccountingSink>("acme").TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Null(accounting.GetService<ITokenProtector>());
        Assert.Contains(RawTokens(sandbox.Database), value => value.StartsWith("xero-rt-", StringComparison.Ordinal));
    }

    /// <summary>The worker's registration of one connection "acme", with ProtectTokens when <paramref name="keysFolder"/> is given.</summary>
    private static ServiceProvider VendorClient(SandboxHost sandbox, string? keysFolder)
    {
        var credentials = sandbox.Server.Credentials;
        var prefix = "WiseSync:Connections:acme:";
        var settings = new Dictionary<string, string?>
        {
            ["WiseSync:Ledger:DatabasePath"] = sandbox.Database,
            [prefix + "Psa"] = "autotask",
            [prefix + "Accounting"] = "xero",
            [prefix + "Schedule:Mode"] = "Manual",
            [prefix + "Autotask:UserName"] = credentials.Autotask.UserName,
            [prefix + "Autotask:Secret"] = credentials.Autotask.Secret,
            [prefix + "Autotask:IntegrationCode"] = credentials.Autotask.ApiIntegrationCode,
            [prefix + "Autotask:ZoneUrl"] = credentials.Autotask.BaseUrl.AbsoluteUri,
            [prefix + "Xero:ClientId"] = credentials.Xero.ClientId,
            [prefix + "Xero:ClientSecret"] = credentials.Xero.ClientSecret,
            [prefix + "Xero:RefreshToken"] = credentials.Xero.RefreshToken,
            [prefix + "Xero:ApiBaseUrl"] = new Uri(sandbox.Server.BaseUrl, "xero/").AbsoluteUri,
            [prefix + "Xero:IdentityBaseUrl"] = new Uri(sandbox.Server.BaseUrl, "xero/identity/").AbsoluteUri,
        };
        if (keysFolder is not null)
        {
            settings["WiseSync:ProtectTokens"] = "true";
            settings["WiseSync:DataProtection:KeysFolder"] = keysFolder;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddWiseSyncWorker(configuration.GetSection("WiseSync"));
        return services.BuildServiceProvider();
    }

    private static List<string> RawTokens(string database)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT access_token, refresh_token, previous_refresh_token FROM tokens WHERE provider = 'xero';";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.AddRange(Enumerable.Range(0, 3).Where(i => !reader.IsDBNull(i)).Select(reader.GetString));
        }

        return values;
    }
}
