using NodaTime;

namespace WiseSync.Tests.Fakes;

/// <summary>A clock the test moves.</summary>
public sealed class FakeClock(Instant now) : IClock
{
    public FakeClock() : this(Instant.FromUtc(2026, 11, 20, 9, 0)) { }

    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;

    public void Advance(Duration duration) => Now += duration;
}
