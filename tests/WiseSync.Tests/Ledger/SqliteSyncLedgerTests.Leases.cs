using NodaTime;

namespace WiseSync.Tests.Ledger;

public sealed partial class SqliteSyncLedgerTests
{
    [Fact]
    public async Task A_second_holder_on_another_ledger_instance_fails_fast_naming_the_connection()
    {
        await _file.Open(_clock).AcquireLeaseAsync("acme", "run-1", Duration.FromMinutes(5));
        var ex = await Assert.ThrowsAsync<SyncAlreadyRunningException>(() => _file.Open(_clock).AcquireLeaseAsync("acme", "run-2", Duration.FromMinutes(5)));
        Assert.Equal("acme", ex.Connection);
        Assert.Contains("'acme'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leases_are_per_connection()
    {
        var ledger = _file.Open(_clock);
        await ledger.AcquireLeaseAsync("acme", "run-1", Duration.FromMinutes(5));
        var other = await ledger.AcquireLeaseAsync("globex", "run-2", Duration.FromMinutes(5));
        Assert.Equal("globex", other.Connection);
    }

    [Fact]
    public async Task An_expired_lease_can_be_taken_over_and_the_old_holder_cannot_renew_it()
    {
        var ledger = _file.Open(_clock);
        var first = await ledger.AcquireLeaseAsync("acme", "run-1", Duration.FromMinutes(5));
        _clock.Advance(Duration.FromMinutes(6));
        await ledger.AcquireLeaseAsync("acme", "run-2", Duration.FromMinutes(5));
        await Assert.ThrowsAsync<SyncAlreadyRunningException>(() => ledger.RenewLeaseAsync(first, Duration.FromMinutes(5)));
    }

    [Fact]
    public async Task A_released_lease_can_be_taken_again()
    {
        var ledger = _file.Open(_clock);
        var lease = await ledger.AcquireLeaseAsync("acme", "run-1", Duration.FromMinutes(5));
        await ledger.ReleaseLeaseAsync(lease);
        var again = await ledger.AcquireLeaseAsync("acme", "run-2", Duration.FromMinutes(5));
        Assert.Equal("run-2", again.Holder);
    }

    [Fact]
    public async Task Two_instances_racing_for_one_lease_let_exactly_one_win()
    {
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await _file.Open(_clock).AcquireLeaseAsync("acme", $"run-{i}", Duration.FromMinutes(5));
                return true;
            }
            catch (SyncAlreadyRunningException)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);
        Assert.Equal(1, outcomes.Count(o => o));
    }
}
