namespace WiseSync.Sandbox.Vendors;

/// <summary>What every emulator gets: the sandbox options and the clock (real, or controlled by tests).</summary>
internal sealed record EmulatorContext(SandboxOptions Options, TimeProvider Time)
{
    /// <summary>Vendor time divided by the time-scale.</summary>
    public TimeSpan Scaled(TimeSpan vendorTime) => TimeSpan.FromTicks((long)(vendorTime.Ticks / Options.TimeScale));
}
