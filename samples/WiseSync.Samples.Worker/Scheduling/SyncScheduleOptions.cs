namespace WiseSync.Samples.Worker.Scheduling;

/// <summary>The schedule of one connection (named options; section <c>WiseSync:Connections:{name}:Schedule</c>).</summary>
public sealed class SyncScheduleOptions
{
    /// <summary>Interval (default) or manual-only.</summary>
    public SyncScheduleMode Mode { get; set; } = SyncScheduleMode.Interval;

    /// <summary>Time between runs in <see cref="SyncScheduleMode.Interval"/> mode. Default 15 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The action each run performs: PostToAccounting (default), MarkSyncedOnly or UpdatePaidDates.</summary>
    public SyncAction Action { get; set; } = SyncAction.PostToAccounting;

    /// <summary>The IANA zone whose "today" is the thru date of a run; null uses the machine's zone.</summary>
    public string? TimeZone { get; set; }
}
