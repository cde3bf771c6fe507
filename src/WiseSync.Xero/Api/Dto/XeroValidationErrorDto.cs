namespace WiseSync.Xero.Api.Dto;

/// <summary>schemas.ValidationError.</summary>
internal sealed record XeroValidationErrorDto
{
    public string? Message { get; init; }
}
