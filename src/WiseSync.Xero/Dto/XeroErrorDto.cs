using System.Text.Json;

namespace WiseSync.Xero.Dto;

/// <summary>schemas.Error: the body of a 400 (reference §1.3).</summary>
internal sealed record XeroErrorDto
{
    public int? ErrorNumber { get; init; }

    public string? Type { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<JsonElement>? Elements { get; init; }
}
