namespace WiseSync.Pay;

/// <summary>What happened to one due payment in a run.</summary>
public enum PaymentChargeOutcomeKind
{
    /// <summary>Charged.</summary>
    Charged,

    /// <summary>Declined by the gateway; left for a person to retry.</summary>
    Declined,

    /// <summary>The gateway could not be reached or failed; the claim stays and is repeated with the same key when its lease runs out.</summary>
    Failed,

    /// <summary>Not charged now (another processor holds it, or a limit stops it); the message says why.</summary>
    Skipped,
}
