using System.Text.Json.Serialization;

namespace WiseSync.Xero.Dto;

/// <summary>schemas.Pagination.</summary>
internal sealed record XeroPaginationDto
{
    [JsonPropertyName("page")]
    public int Page { get; init; }

    [JsonPropertyName("pageSize")]
    public int PageSize { get; init; }

    [JsonPropertyName("pageCount")]
    public int PageCount { get; init; }

    [JsonPropertyName("itemCount")]
    public int ItemCount { get; init; }
}
