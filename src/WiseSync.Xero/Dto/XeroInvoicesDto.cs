namespace WiseSync.Xero.Dto;

/// <summary>schemas.Invoices.</summary>
internal sealed record XeroInvoicesDto
{
    [System.Text.Json.Serialization.JsonPropertyName("pagination")]
    public XeroPaginationDto? Pagination { get; init; }

    public IReadOnlyList<XeroInvoiceDto>? Invoices { get; init; }

    /// <summary>Xero's time of the answer (shown in the spec's response examples), the safest watermark.</summary>
    public string? DateTimeUTC { get; init; }
}
