namespace WiseSync.Xero.Dto;

/// <summary>schemas.ValidationError: the text is under Message; Description is read too, so no text Xero gives is lost.</summary>
internal sealed record XeroValidationErrorDto
{
    public string? Message { get; init; }

    public string? Description { get; init; }
}
