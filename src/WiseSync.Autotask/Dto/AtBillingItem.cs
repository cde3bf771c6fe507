namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>BillingItemModel</c>: one invoice line (the fields the provider reads).</summary>
internal sealed record AtBillingItem
{
    public long Id { get; init; }

    public int? InvoiceID { get; init; }

    public int? BillingCodeID { get; init; }

    public int? TaxCategoryID { get; init; }

    public int? BillingItemType { get; init; }

    public string? ItemName { get; init; }

    public string? Description { get; init; }

    public DateTime? ItemDate { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? Rate { get; init; }

    public decimal? ExtendedPrice { get; init; }

    public decimal? TaxDollars { get; init; }

    public int? NonBillable { get; init; }

    public int? OrganizationalLevelAssociationID { get; init; }

    public long? SortOrderID { get; init; }

    public string? PurchaseOrderNumber { get; init; }
}
