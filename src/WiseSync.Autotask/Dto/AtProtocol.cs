using System.Text.Json;

namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>QueryModel</c>: the body of <c>{Entity}/query</c>.</summary>
internal sealed record AtQuery(IReadOnlyList<AtFilter> Filter)
{
    public int? MaxRecords { get; init; }

    public IReadOnlyList<string>? IncludeFields { get; init; }
}

/// <summary>Autotask <c>Filter</c>; <see cref="Value"/> is a number, string, boolean or array of them.</summary>
internal sealed record AtFilter(string Op, string? Field = null)
{
    public JsonElement? Value { get; init; }

    public IReadOnlyList<AtFilter>? Items { get; init; }
}

/// <summary>Autotask <c>QueryActionResult</c>: one page of a query.</summary>
internal sealed record AtPage<T>
{
    public IReadOnlyList<T>? Items { get; init; }

    public AtPageDetails? PageDetails { get; init; }
}

/// <summary>Autotask <c>PagingModel</c>.</summary>
internal sealed record AtPageDetails
{
    public int Count { get; init; }

    public int RequestCount { get; init; }

    public string? PrevPageUrl { get; init; }

    public string? NextPageUrl { get; init; }
}

/// <summary>Autotask <c>QueryCountResultModel</c>.</summary>
internal sealed record AtQueryCount
{
    public int QueryCount { get; init; }
}

/// <summary>Autotask <c>ZoneInformationResultModel</c>.</summary>
internal sealed record AtZoneInformation
{
    public string? ZoneName { get; init; }

    public string? Url { get; init; }

    public string? WebUrl { get; init; }

    public int? Ci { get; init; }
}
