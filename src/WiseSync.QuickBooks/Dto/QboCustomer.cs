namespace WiseSync.QuickBooks.Dto;

/// <summary>The fields of a QBO Customer the sink reads and writes.</summary>
internal sealed record QboCustomer
{
    public string? Id { get; init; }

    public string? SyncToken { get; init; }

    public string? DisplayName { get; init; }

    public string? CompanyName { get; init; }

    public QboEmail? PrimaryEmailAddr { get; init; }

    public bool? Active { get; init; }

    public string? Notes { get; init; }

    public QboMetaData? MetaData { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("sparse")]
    public bool? Sparse { get; init; }
}
