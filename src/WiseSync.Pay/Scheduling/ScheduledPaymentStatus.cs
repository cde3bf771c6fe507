namespace WiseSync.Pay;

/// <summary>Where a scheduled payment is in its life.</summary>
public enum ScheduledPaymentStatus
{
    /// <summary>Waiting for its date.</summary>
    Scheduled,

    /// <summary>Claimed by a processor; the charge is in flight (or its processor stopped and the lease will run out).</summary>
    Processing,

    /// <summary>The gateway approved the charge.</summary>
    Charged,

    /// <summary>The gateway declined the charge; a person may retry it.</summary>
    Declined,

    /// <summary>Cancelled (the sync entry was deleted, or the invoice no longer qualifies).</summary>
    Cancelled,

    /// <summary>Paid in accounting; no longer outstanding.</summary>
    Settled,
}
