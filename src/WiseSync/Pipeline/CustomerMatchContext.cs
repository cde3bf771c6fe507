namespace WiseSync;

/// <summary>What a <see cref="ICustomerMatchResolver"/> is asked about.</summary>
/// <param name="Connection">The connection name.</param>
/// <param name="Company">The PSA company without a match.</param>
/// <param name="Invoices">The company's invoices in this run.</param>
/// <param name="DryRun">True during a dry run: the decision is only reported.</param>
public sealed record CustomerMatchContext(string Connection, PsaCompanyRef Company, IReadOnlyList<PsaInvoice> Invoices, bool DryRun);
