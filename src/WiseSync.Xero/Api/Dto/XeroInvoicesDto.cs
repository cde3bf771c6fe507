namespace WiseSync.Xero.Api.Dto;

/// <summary>schemas.Invoices.</summary>
internal sealed record XeroInvoicesDto
{
    [System.Text.Json.Serialization.JsonPropertyName("pagination")]
    public XeroPaginationDto? Pagination { get; init; }

    public IReadOnlyList<XeroInvoiceDto>? Invoices { get; init; }
}
