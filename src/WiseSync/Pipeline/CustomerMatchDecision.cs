namespace WiseSync;

/// <summary>What to do with an unmatched company.</summary>
public enum CustomerMatchAction
{
    /// <summary>Create the customer in accounting.</summary>
    Create,

    /// <summary>Use an existing accounting customer and remember the mapping.</summary>
    MapToExisting,

    /// <summary>Post none of the company's invoices in this run; each gets a warning.</summary>
    Skip,
}

/// <summary>The answer of a <see cref="ICustomerMatchResolver"/>.</summary>
/// <param name="Action">What to do.</param>
/// <param name="CustomerId">The existing customer's id for <see cref="CustomerMatchAction.MapToExisting"/>.</param>
/// <param name="Reason">Why, for <see cref="CustomerMatchAction.Skip"/>.</param>
public sealed record CustomerMatchDecision(CustomerMatchAction Action, string? CustomerId = null, string? Reason = null)
{
    /// <summary>Create the customer.</summary>
    public static CustomerMatchDecision Create() => new(CustomerMatchAction.Create);

    /// <summary>Use the existing customer <paramref name="customerId"/>.</summary>
    public static CustomerMatchDecision MapTo(string customerId) => new(CustomerMatchAction.MapToExisting, customerId);

    /// <summary>Skip the company's invoices with <paramref name="reason"/>.</summary>
    public static CustomerMatchDecision Skip(string reason) => new(CustomerMatchAction.Skip, Reason: reason);
}
