namespace WiseSync.Xero.Dto;

/// <summary>The fields schemas.Invoice and schemas.CreditNote share (the ones WiseSync reads or writes).</summary>
internal abstract record XeroDocumentDto
{
    public string? Type { get; init; }

    public XeroContactDto? Contact { get; init; }

    public IReadOnlyList<XeroLineItemDto>? LineItems { get; init; }

    public string? Date { get; init; }

    public string? DueDate { get; init; }

    public string? LineAmountTypes { get; init; }

    public string? Reference { get; init; }

    public string? CurrencyCode { get; init; }

    public string? Status { get; init; }

    public decimal? Total { get; init; }

    public string? FullyPaidOnDate { get; init; }

    public string? UpdatedDateUTC { get; init; }

    public bool? HasErrors { get; init; }

    /// <summary>"OK", "WARNING" or "ERROR" per element of a batch answer (summarizeErrors=false).</summary>
    public string? StatusAttributeString { get; init; }

    public IReadOnlyList<XeroValidationErrorDto>? ValidationErrors { get; init; }

    public IReadOnlyList<XeroValidationErrorDto>? Warnings { get; init; }
}
