namespace WiseSync.Xero.Dto;

/// <summary>schemas.Organisations.</summary>
internal sealed record XeroOrganisationsDto
{
    public IReadOnlyList<XeroOrganisationDto>? Organisations { get; init; }
}
