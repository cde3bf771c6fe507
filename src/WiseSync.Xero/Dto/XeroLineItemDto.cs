namespace WiseSync.Xero.Dto;

/// <summary>schemas.LineItem.</summary>
internal sealed record XeroLineItemDto
{
    public string? Description { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? UnitAmount { get; init; }

    public string? ItemCode { get; init; }

    public string? AccountCode { get; init; }

    public string? TaxType { get; init; }

    public decimal? TaxAmount { get; init; }

    public decimal? LineAmount { get; init; }

    public IReadOnlyList<XeroTrackingDto>? Tracking { get; init; }
}
