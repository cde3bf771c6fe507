namespace WiseSync.Xero.Dto;

/// <summary>schemas.ContactPerson.</summary>
internal sealed record XeroContactPersonDto
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? EmailAddress { get; init; }

    public bool? IncludeInEmails { get; init; }
}
