namespace WiseSync.Pay;

/// <summary>What one <see cref="WisePayScheduler.ProcessDuePaymentsAsync"/> run did.</summary>
/// <param name="AsOf">The day the run charged for.</param>
/// <param name="Payments">One outcome per due payment the run looked at.</param>
public sealed record PaymentRunReport(LocalDate AsOf, IReadOnlyList<PaymentChargeOutcome> Payments)
{
    /// <summary>Payments charged.</summary>
    public int Charged => Count(PaymentChargeOutcomeKind.Charged);

    /// <summary>Payments declined.</summary>
    public int Declined => Count(PaymentChargeOutcomeKind.Declined);

    /// <summary>Charges that failed and will be repeated with the same key.</summary>
    public int Failed => Count(PaymentChargeOutcomeKind.Failed);

    /// <summary>Payments not charged in this run.</summary>
    public int Skipped => Count(PaymentChargeOutcomeKind.Skipped);

    private int Count(PaymentChargeOutcomeKind kind) => Payments.Count(p => p.Outcome == kind);
}
