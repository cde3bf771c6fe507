namespace WiseSync.Xero.Dto;

/// <summary>schemas.Invoice (the fields WiseSync reads or writes).</summary>
internal sealed record XeroInvoiceDto : XeroDocumentDto
{
    public string? InvoiceID { get; init; }

    public string? InvoiceNumber { get; init; }

    public string? Url { get; init; }

    public decimal? AmountDue { get; init; }

    public decimal? AmountPaid { get; init; }

    public decimal? AmountCredited { get; init; }
}
