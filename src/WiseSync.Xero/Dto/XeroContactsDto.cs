namespace WiseSync.Xero.Dto;

/// <summary>schemas.Contacts.</summary>
internal sealed record XeroContactsDto
{
    [System.Text.Json.Serialization.JsonPropertyName("pagination")]
    public XeroPaginationDto? Pagination { get; init; }

    public IReadOnlyList<XeroContactDto>? Contacts { get; init; }
}
