using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Data.Sqlite;
using WiseSync.Sandbox;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Security;

/// <summary>
/// A full run at Trace level: no configured secret (Autotask secret, OAuth client secret, refresh token) and no token the
/// run obtained (access and refresh tokens left in the token store) appears in a log line, an exception message, the run's
/// report or a request the sandbox recorded (bodies and headers).
/// </summary>
public sealed class SecretsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("xero")]
    [InlineData("quickbooks")]
    public async Task A_full_autotask_run_leaks_no_secret_into_logs_exceptions_or_recorded_requests(string accounting)
    {
        var folder = Directory.CreateTempSubdirectory("wisesync-secrets-");
        var ledgerPath = Path.Combine(folder.FullName, "ledger.db");
        var exceptions = new ConcurrentQueue<string>();
        void OnException(object? sender, FirstChanceExceptionEventArgs e) => exceptions.Enqueue($"{e.Exception.GetType().Name}: {e.Exception.Message}");

        await using var sandbox = await InProcessConnections.StartSandboxAsync(seed: 3);
        using var logs = new CapturingLoggerProvider();
        var services = InProcessConnections.Services(logs);
        InProcessConnections.Add(services, "default", sandbox, "autotask", accounting, ledgerPath);

        SyncReport report;
        AppDomain.CurrentDomain.FirstChanceException += OnException;
        try
        {
            await using var provider = InProcessConnections.Build(services);
            report = await InProcessConnections.RunAsync(provider, "default", sandbox);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnException;
        }

        output.WriteLine($"{report.Totals}; {logs.Lines.Count} log lines, {exceptions.Count} exceptions seen");
        Assert.True(report.Totals.Success + report.Totals.Warning > 0, $"nothing synced: {report.Totals} {report.StoppedReason}");

        var secrets = Secrets(sandbox.Credentials, accounting);
        var stored = await StoredTokensAsync(ledgerPath);
        Assert.NotEmpty(stored);
        secrets.AddRange(stored);

        var psaRequests = await InProcessConnections.GetAsync(sandbox, "_sandbox/requests?vendor=autotask&limit=1000");
        var accountingRequests = await InProcessConnections.GetAsync(sandbox, $"_sandbox/requests?vendor={accounting}&limit=1000");
        Assert.Contains("Invoices", psaRequests, StringComparison.Ordinal);
        Assert.Contains("token", accountingRequests, StringComparison.OrdinalIgnoreCase);

        var reportText = string.Join('\n', report.Invoices.SelectMany(i => i.Messages).Append(report.StoppedReason ?? ""));
        var places = new Dictionary<string, string>
        {
            ["log"] = string.Join('\n', logs.Lines),
            ["exception"] = string.Join('\n', exceptions),
            ["report"] = reportText,
            ["autotask requests"] = psaRequests,
            [$"{accounting} requests"] = accountingRequests,
        };
        Assert.Contains(logs.Lines, l => l.StartsWith("Trace", StringComparison.Ordinal));

        var leaks = (from place in places
                     from secret in secrets
                     where place.Value.Contains(secret.Value, StringComparison.Ordinal)
                     select $"{secret.Key} in {place.Key}: …{Around(place.Value, secret.Value)}…").ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static List<KeyValuePair<string, string>> Secrets(SandboxCredentials credentials, string accounting)
    {
        var (clientId, clientSecret, refresh) = accounting == "xero"
            ? (credentials.Xero.ClientId, credentials.Xero.ClientSecret, credentials.Xero.RefreshToken)
            : (credentials.QuickBooks.ClientId, credentials.QuickBooks.ClientSecret, credentials.QuickBooks.RefreshToken);
        return
        [
            new("Autotask:Secret", credentials.Autotask.Secret),
            new($"{accounting} client secret", clientSecret),
            new($"{accounting} client secret (Basic)", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}"))),
            new($"{accounting} configured refresh token", refresh),
        ];
    }

    private static async Task<List<KeyValuePair<string, string>>> StoredTokensAsync(string ledgerPath)
    {
        var tokens = new List<KeyValuePair<string, string>>();
        await using var connection = new SqliteConnection($"Data Source={ledgerPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT provider, access_token, refresh_token FROM tokens;";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var column = 1; column <= 2; column++)
            {
                if (!reader.IsDBNull(column) && reader.GetString(column) is { Length: >= 8 } token)
                {
                    tokens.Add(new($"{reader.GetString(0)} stored {(column == 1 ? "access" : "refresh")} token", token));
                }
            }
        }

        return tokens;
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 120);
        return text[start..Math.Min(text.Length, at + secret.Length + 40)];
    }
}
