using NodaTime;
using WiseSync.Tests.Fakes;
using Xunit.Abstractions;

namespace WiseSync.Reliability.Tests.Security;

/// <summary>The ledger (which holds refresh tokens) is created owner-only on Unix, and its WAL files follow.</summary>
public sealed class LedgerFileModeTests(ITestOutputHelper output)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task New_ledger_file_and_its_wal_files_are_owner_read_write_only()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: Windows files inherit the folder ACL (see src/WiseSync/Ledger/README.md).");
            return;
        }

        using var file = new LedgerFile();
        var ledger = file.Open(FakeClock.FromUtc(2026, 11, 20, 9, 0, 0));
        var tokens = new SqliteTokenStore(file.Options);
        await tokens.SaveAsync("xero", "default", new OAuthTokens("access-123", "refresh-456", Instant.FromUtc(2026, 11, 20, 10, 0)));
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "default", SyncAction.PostToAccounting, Instant.FromUtc(2026, 11, 20, 9, 0)));

        var files = new[] { file.Path, file.Path + "-wal", file.Path + "-shm" }.Where(File.Exists).ToList();
        Assert.Contains(file.Path, files);
        Assert.Contains(file.Path + "-wal", files);
        foreach (var path in files)
        {
            var mode = File.GetUnixFileMode(path);
            output.WriteLine($"{Path.GetFileName(path)}: {mode}");
            Assert.Equal(OwnerOnly, mode);
        }
    }

    [Fact]
    public async Task Pay_database_created_first_is_owner_only_too()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: Windows files inherit the folder ACL.");
            return;
        }

        using var file = new LedgerFile();
        var store = new WiseSync.Pay.WisePayStore(new WiseSync.Pay.WisePayOptions { DatabasePath = file.Path }, FakeClock.FromUtc(2026, 11, 20, 9, 0, 0));
        await store.InitializeAsync();
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(file.Path));
    }

    [Fact]
    public async Task An_existing_file_keeps_its_owners_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: Windows files inherit the folder ACL.");
            return;
        }

        using var file = new LedgerFile();
        await File.WriteAllBytesAsync(file.Path, []);
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var ledger = file.Open(FakeClock.FromUtc(2026, 11, 20, 9, 0, 0));
        await ledger.CreateBatchAsync(new LedgerBatch("b1", "default", SyncAction.PostToAccounting, Instant.FromUtc(2026, 11, 20, 9, 0)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(file.Path));
    }
}
