namespace WiseSync.Xero.Dto;

/// <summary>schemas.CreditNote (the fields WiseSync reads or writes).</summary>
internal sealed record XeroCreditNoteDto : XeroDocumentDto
{
    public string? CreditNoteID { get; init; }

    public string? CreditNoteNumber { get; init; }

    public decimal? RemainingCredit { get; init; }
}
