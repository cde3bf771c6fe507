using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WiseSync.Reliability.Tests.Processes;
using WiseSync.Samples.Console.Connections;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Tokens;

/// <summary>
/// Issue 17 item 3, a locked ledger around a token refresh, through the SDK against a sandbox process: another program holds
/// the ledger's write lock for a seeded random time, shorter or longer than the ledger's busy timeout, while a fresh
/// connection (as a new process) renews its expired access token. A short lock is waited out; a long one fails the renewal
/// with the "locked" message before any refresh token is redeemed. 20 tries each on both OAuth pairs, never bricked.
/// </summary>
[Collection(TokenTrials.Collection)]
public sealed class LockedLedgerTests(ITestOutputHelper output)
{
    private const int Tries = 20;
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromMilliseconds(300);

    public static TheoryData<string, string> Pairs => new()
    {
        { "autotask", "xero" },
        { "connectwise", "quickbooks" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_locked_ledger_at_a_token_refresh_never_redeems_an_answer_it_cannot_keep(string psa, string accounting)
    {
        var random = new Random(TestSettings.CrashSeed + psa.Length);
        var folder = Directory.CreateTempSubdirectory("wisesync-locked-");
        await using var sandbox = await SandboxProcess.StartAsync(invoices: 4, companies: 2);
        var scenario = new TokenScenario(sandbox, psa, accounting, Path.Combine(folder.FullName, "ledger.db"));
        var target = await SandboxTarget.ReadAsync(sandbox.Url, CancellationToken.None);
        var planted = await scenario.SyncAsync();
        Assert.True(planted.ExitCode == 0, planted.Stderr);

        int waited = 0, refused = 0, bricked = 0;
        for (var i = 0; i < Tries; i++)
        {
            scenario.ExpireAccessToken();
            var before = await scenario.TokensIssuedAsync();
            // Half the locks end within the busy timeout, half far beyond it (the driver's own retry adds about a second).
            var hold = i % 2 == 0 ? TimeSpan.FromMilliseconds(random.Next(20, 200)) : TimeSpan.FromMilliseconds(random.Next(2500, 3000));

            await using var services = Connect(target, psa, accounting, scenario.Database);
            var sink = services.GetRequiredKeyedService<IAccountingSink>(WiseSyncDefaults.ConnectionName);
            var locked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var locker = HoldWriteLockAsync(scenario.Database, hold, locked);
            await locked.Task;
            var result = await sink.TestConnectionAsync();
            await locker;

            var issued = await scenario.TokensIssuedAsync() - before;
            var works = await scenario.ProbeAsync();
            waited += result.Succeeded ? 1 : 0;
            refused += result.Succeeded ? 0 : 1;
            bricked += works ? 0 : 1;
            output.WriteLine($"try {i}: lock {hold.TotalMilliseconds:F0} ms → {(result.Succeeded ? "renewed" : result.Message)}; tokens redeemed {issued}, connection {(works ? "works" : "BRICKED")}");
            if (result.Succeeded)
            {
                Assert.Equal(1, issued);
            }
            else
            {
                Assert.Contains("locked", result.Message, StringComparison.Ordinal);
                Assert.Contains(scenario.Database, result.Message, StringComparison.Ordinal);
                Assert.False(result.IsTransient && issued > 0);
                Assert.True(issued == 0, $"try {i}: a refresh token was redeemed though the ledger could not keep the answer");
            }

            Assert.True(works, $"try {i} bricked the connection");
            SqliteConnection.ClearAllPools();
        }

        var summary = $"{psa}×{accounting}: {Tries} tries with the ledger locked, {waited} waited the lock out and renewed, {refused} refused before redeeming, bricked {bricked}";
        output.WriteLine(summary);
        Console.WriteLine("TOKENS locked " + summary);
        Assert.True(waited > 0 && refused > 0, "both kinds of lock must occur");
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleanup.
        }
    }

    private static ServiceProvider Connect(SandboxTarget target, string psa, string accounting, string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddWiseSync(WiseSyncDefaults.ConnectionName, static _ => { }).UseSqliteLedger(o =>
        {
            o.DatabasePath = database;
            o.BusyTimeout = BusyTimeout;
        });
        ProviderRegistration.AddProviders(builder, psa, accounting, target);
        return services.BuildServiceProvider();
    }

    /// <summary>Another program's write transaction on the ledger, held for <paramref name="hold"/> (the lock time under test).</summary>
    private static async Task HoldWriteLockAsync(string database, TimeSpan hold, TaskCompletionSource locked)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction(deferred: false);
        locked.SetResult();
        await Task.Delay(hold);
        await transaction.RollbackAsync();
    }
}
