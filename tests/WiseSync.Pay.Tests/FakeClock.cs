using NodaTime;

namespace WiseSync.Pay.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class FakeClock(Instant now) : IClock
{
    private long _ticks = now.ToUnixTimeTicks();

    public static FakeClock At(int year, int month, int day) => new(Instant.FromUtc(year, month, day, 12, 0));

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void Advance(Duration duration) => Interlocked.Add(ref _ticks, duration.BclCompatibleTicks);
}
