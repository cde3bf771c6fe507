using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WiseSync.Xero.Tests.Infrastructure;
using static WiseSync.Xero.Tests.Infrastructure.Drafts;

namespace WiseSync.Xero.Tests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task Tenant_is_picked_from_connections_and_the_test_names_the_organisation()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        var result = await sandbox.Sink().TestConnectionAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("WiseSync Sandbox Ltd", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, await sandbox.RouteCountAsync("GET /connections"));
    }

    [Fact]
    public async Task Unknown_tenant_is_a_clear_configuration_error()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink(o => o.TenantId = Guid.NewGuid().ToString());

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => sink.EnsureCustomersAsync([Customer("C1", "Acme")]));

        Assert.Contains("tenant id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_connection_uses_the_client_credentials_grant()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink(o =>
        {
            o.UseClientCredentials = true;
            o.RefreshToken = null;
        });

        var result = (await sink.EnsureCustomersAsync([Customer("C1", "Acme Ltd")]))[0];

        Assert.Equal(CustomerMatchKind.Created, result.Match);
        var token = (await sandbox.RequestsAsync()).First(r => ((string?)r!["path"])!.EndsWith("/connect/token", StringComparison.Ordinal));
        Assert.Contains("client_credentials", (string?)token!["body"], StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox-secret", token.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotated_refresh_token_survives_a_process_restart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await XeroSandbox.StartAsync(time: clock);
        Assert.True((await sandbox.Sink().TestConnectionAsync()).Succeeded);

        // An hour later: the access token and the first refresh token's 30-minute grace have both run out.
        clock.Advance(TimeSpan.FromHours(1));
        var restarted = await sandbox.Sink().TestConnectionAsync();

        Assert.True(restarted.Succeeded, restarted.Message);
        var refreshes = (await sandbox.RequestsAsync()).Where(r => ((string?)r!["path"])!.EndsWith("/connect/token", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refreshes.Count);
        Assert.All(refreshes, r => Assert.Equal(200, (int)r!["status"]!));

        // A process that only knows the first refresh token cannot connect any more: the rotated one was needed.
        var empty = sandbox.DatabasePath + ".fresh.db";
        var stale = await sandbox.Sink(databasePath: empty).TestConnectionAsync();
        Assert.False(stale.Succeeded);
        Assert.False(stale.IsTransient, "a refused authorisation is not a passing failure");
        Assert.Contains("invalid_grant", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_of_an_unavailable_Xero_fails_as_transient_after_the_retries()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        // No count: the fault outlasts every retry; Retry-After: 0 lets the retries run at once.
        await sandbox.AddFaultAsync(new { vendor = "xero", pathContains = "/Organisation", status = 503, retryAfterSeconds = 0 });

        var result = await sandbox.Sink().TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient, result.Message);
        Assert.Contains("503", result.Message, StringComparison.Ordinal);
        Assert.Equal(5, await sandbox.RouteCountAsync("GET /Organisation"));
    }

    [Fact]
    public async Task Connection_test_with_an_unavailable_token_endpoint_fails_as_transient()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        await sandbox.AddFaultAsync(new { vendor = "xero", pathContains = "/connect/token", status = 503 });

        var result = await sandbox.Sink().TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.True(result.IsTransient, result.Message);
        Assert.Contains("503", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_with_a_wrong_client_secret_fails_as_not_transient()
    {
        await using var sandbox = await XeroSandbox.StartAsync();

        var result = await sandbox.Sink(o => o.ClientSecret = "wrong-client-secret").TestConnectionAsync();

        Assert.False(result.Succeeded);
        Assert.False(result.IsTransient, result.Message);
        Assert.DoesNotContain("wrong-client-secret", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daily_limit_stops_the_run_with_a_long_window_rate_limit()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var sink = sandbox.Sink();
        await sink.TestConnectionAsync();
        await sandbox.AddFaultAsync(new
        {
            vendor = "xero",
            pathContains = "/Contacts",
            status = 429,
            retryAfterSeconds = 3600,
            headers = new Dictionary<string, string> { ["X-Rate-Limit-Problem"] = "day" },
            count = 1,
        });

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => sink.EnsureCustomersAsync([Customer("C1", "Acme")]));

        Assert.Equal(RateLimitKind.LongWindow, error.Kind);
        Assert.Equal("daily limit", error.LimitName);
        Assert.Equal(1, await sandbox.RouteCountAsync("GET /Contacts"));
    }

    [Fact]
    public async Task Missing_client_id_fails_at_start_naming_the_setting()
    {
        await using var sandbox = await XeroSandbox.StartAsync();
        var provider = sandbox.NewProcess(o => o.ClientId = null);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<XeroOptions>>().Get(XeroSandbox.Connection));

        Assert.Contains("Xero:ClientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_never_show_secrets()
    {
        var options = new XeroOptions { ClientId = "id", ClientSecret = "very-secret", RefreshToken = "refresh-secret" };

        var text = options.ToString();

        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-secret", text, StringComparison.Ordinal);
        Assert.Contains("id", text, StringComparison.Ordinal);
    }
}
