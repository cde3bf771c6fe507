namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>BillingItemModel</c>: one invoice line (the fields the provider reads).</summary>
internal sealed record AtBillingItem(
    long Id,
    int? InvoiceID = null,
    int? BillingCodeID = null,
    int? TaxCategoryID = null,
    int? BillingItemType = null,
    string? ItemName = null,
    string? Description = null,
    DateTime? ItemDate = null,
    decimal? Quantity = null,
    decimal? Rate = null,
    decimal? ExtendedPrice = null,
    decimal? TaxDollars = null,
    int? NonBillable = null,
    int? OrganizationalLevelAssociationID = null,
    long? SortOrderID = null,
    string? PurchaseOrderNumber = null);
