namespace WiseSync;

/// <summary>
/// Decides what to do with a PSA company that has no ledger mapping and no matching accounting customer.
/// Register one (keyed by connection name, or unkeyed for all connections); without one the customer is created.
/// </summary>
public interface ICustomerMatchResolver
{
    /// <summary>Create the customer, map the company to an existing one, or skip its invoices.</summary>
    ValueTask<CustomerMatchDecision> ResolveAsync(CustomerMatchContext context, CancellationToken cancellationToken = default);
}
