namespace WiseSync.Xero.Dto;

/// <summary>schemas.LineItemTracking.</summary>
internal sealed record XeroTrackingDto
{
    public string? Name { get; init; }

    public string? Option { get; init; }
}
