namespace WiseSync.Samples.Console.Output;

/// <summary>A dry run's plan for one invoice, in words and in the contract's additive JSON names.</summary>
internal static class DryRunPlanText
{
    /// <summary><c>create</c> or <c>update</c>: what a post would do with the accounting invoice.</summary>
    public static string InvoiceAction(DryRunPlan plan) => plan.WouldCreate ? "create" : "update";

    /// <summary><c>create</c> or <c>map</c>: whether a post would create the accounting customer or use the mapped one.</summary>
    public static string CustomerAction(DryRunPlan plan) => plan.CustomerWouldBeCreated ? "create" : "map";

    /// <summary>E.g. <c>would create the invoice; would create the customer 'Cedar Manufacturing'</c>.</summary>
    public static string Describe(DryRunPlan plan) =>
        (plan.WouldCreate ? "would create the invoice" : "would update the mapped invoice") + "; " +
        (plan.CustomerWouldBeCreated ? "would create the customer" : "would map to the customer") + $" '{plan.CustomerName}'";
}
