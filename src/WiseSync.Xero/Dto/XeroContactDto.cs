namespace WiseSync.Xero.Dto;

/// <summary>schemas.Contact (the fields WiseSync reads or writes).</summary>
internal sealed record XeroContactDto
{
    public string? ContactID { get; init; }

    public string? MergedToContactID { get; init; }

    public string? ContactNumber { get; init; }

    public string? AccountNumber { get; init; }

    public string? ContactStatus { get; init; }

    public string? Name { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? EmailAddress { get; init; }

    public IReadOnlyList<XeroContactPersonDto>? ContactPersons { get; init; }

    public bool? HasValidationErrors { get; init; }

    /// <summary>"OK", "WARNING" or "ERROR" per element of a batch answer (summarizeErrors=false).</summary>
    public string? StatusAttributeString { get; init; }

    public IReadOnlyList<XeroValidationErrorDto>? Warnings { get; init; }

    public IReadOnlyList<XeroValidationErrorDto>? ValidationErrors { get; init; }
}
