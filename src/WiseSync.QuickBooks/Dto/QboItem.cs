namespace WiseSync.QuickBooks.Dto;

/// <summary>A product or service (Name ≤ 100 characters in QBO, Finance.xsd).</summary>
internal sealed record QboItem
{
    public string? Id { get; init; }

    public string? SyncToken { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public bool? Active { get; init; }

    public QboRef? IncomeAccountRef { get; init; }
}
