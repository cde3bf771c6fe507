namespace WiseSync.Sandbox.Xero;

/// <summary>An invoice (ACCREC/ACCPAY) or credit note (ACCRECCREDIT/ACCPAYCREDIT) of the emulated organisation.</summary>
internal sealed class XeroDocumentRecord
{
    public required Guid Id { get; init; }

    public required bool IsCreditNote { get; init; }

    public required string Type { get; set; }

    public required Guid ContactID { get; set; }

    public string? Number { get; set; }

    public string? Reference { get; set; }

    public DateOnly Date { get; set; }

    public DateOnly? DueDate { get; set; }

    public string Status { get; set; } = "DRAFT";

    public string LineAmountTypes { get; set; } = "Exclusive";

    public string CurrencyCode { get; set; } = "USD";

    public string? Url { get; set; }

    /// <summary>The app (OAuth client id) that created the document; null when a person typed it in Xero's web app.</summary>
    public string? CreatedByApp { get; init; }

    public string? BrandingThemeID { get; set; }

    public List<XeroLineItemRecord> LineItems { get; set; } = [];

    public List<XeroPaymentRecord> Payments { get; } = [];

    public decimal SubTotal { get; set; }

    public decimal TotalTax { get; set; }

    public decimal Total { get; set; }

    public decimal AmountPaid => Payments.Sum(p => p.Amount);

    public decimal AmountCredited { get; set; }

    public decimal AmountDue => Status is "VOIDED" or "DELETED" ? 0m : Total - AmountPaid - AmountCredited;

    public DateOnly? FullyPaidOnDate { get; set; }

    public DateTimeOffset UpdatedDateUTC { get; set; }
}
