namespace WiseSync.Xero.Dto;

/// <summary>schemas.Organisation (short code for deep links, lock dates).</summary>
internal sealed record XeroOrganisationDto
{
    public string? OrganisationID { get; init; }

    public string? Name { get; init; }

    public string? ShortCode { get; init; }

    public string? BaseCurrency { get; init; }

    public string? PeriodLockDate { get; init; }

    public string? EndOfYearLockDate { get; init; }
}
