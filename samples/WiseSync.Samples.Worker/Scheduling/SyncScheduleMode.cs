namespace WiseSync.Samples.Worker.Scheduling;

/// <summary>When a connection syncs.</summary>
public enum SyncScheduleMode
{
    /// <summary>At start, then every <see cref="SyncScheduleOptions.Interval"/> (and whenever triggered).</summary>
    Interval,

    /// <summary>Only when <see cref="SyncTrigger.Request"/> asks for it.</summary>
    Manual,
}
