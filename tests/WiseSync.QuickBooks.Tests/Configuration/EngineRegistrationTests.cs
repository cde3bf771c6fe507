using Microsoft.Extensions.DependencyInjection;
using WiseSync.Sandbox;

namespace WiseSync.QuickBooks.Tests.Configuration;

public sealed class EngineRegistrationTests
{
    [Fact]
    public async Task Readme_quick_start_works_with_the_engine_and_keeps_the_rotated_token_in_the_sqlite_store()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { TimeScale = 60 });
        var database = Path.Combine(Path.GetTempPath(), $"wisesync-qbo-{Guid.NewGuid():N}.db");
        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddWiseSync("acme", o => { })
                .UseSqliteLedger(l => l.DatabasePath = database)
                .AddQuickBooks(o => o.UseSandbox(sandbox.BaseUrl, 60));
            await using (var provider = services.BuildServiceProvider())
            {
                var sink = provider.GetRequiredKeyedService<IAccountingSink>("acme");

                var result = await sink.TestConnectionAsync();

                Assert.True(result.Succeeded, result.Message);
                var tokens = await provider.GetRequiredService<ITokenStore>().GetAsync(QuickBooksWiseSyncBuilderExtensions.Vendor, "9130000000000001");
                Assert.NotNull(tokens?.RefreshToken);
                Assert.NotEqual("sandbox-refresh", tokens!.RefreshToken);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }
}
