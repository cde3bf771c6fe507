namespace WiseSync.Xero.Dto;

/// <summary>schemas.CreditNotes.</summary>
internal sealed record XeroCreditNotesDto
{
    public IReadOnlyList<XeroCreditNoteDto>? CreditNotes { get; init; }
}
