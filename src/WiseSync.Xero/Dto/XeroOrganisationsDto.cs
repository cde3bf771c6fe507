namespace WiseSync.Xero.Api.Dto;

/// <summary>schemas.Organisations.</summary>
internal sealed record XeroOrganisationsDto
{
    public IReadOnlyList<XeroOrganisationDto>? Organisations { get; init; }
}
