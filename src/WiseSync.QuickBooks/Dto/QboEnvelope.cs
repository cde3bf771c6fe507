using System.Text.Json.Serialization;

namespace WiseSync.QuickBooks.Dto;

/// <summary>IntuitResponse in JSON: exactly one of the members is set.</summary>
internal sealed record QboEnvelope
{
    public QboCustomer? Customer { get; init; }

    public QboTransaction? Invoice { get; init; }

    public QboTransaction? CreditMemo { get; init; }

    public QboPayment? Payment { get; init; }

    public QboItem? Item { get; init; }

    public QboCompanyInfo? CompanyInfo { get; init; }

    public QboPreferences? Preferences { get; init; }

    public QboQueryResponse? QueryResponse { get; init; }

    public IReadOnlyList<QboBatchItemResponse>? BatchItemResponse { get; init; }

    public QboFault? Fault { get; init; }

    public string? Time { get; init; }

    /// <summary>The <c>intuit_tid</c> response header of the answer (not part of the body).</summary>
    [JsonIgnore]
    public string? IntuitTid { get; init; }
}

/// <summary>The rows of a query; only the entity queried is present.</summary>
internal sealed record QboQueryResponse
{
    public IReadOnlyList<QboCustomer>? Customer { get; init; }

    public IReadOnlyList<QboTransaction>? Invoice { get; init; }

    public IReadOnlyList<QboTransaction>? CreditMemo { get; init; }

    public IReadOnlyList<QboPayment>? Payment { get; init; }

    public IReadOnlyList<QboItem>? Item { get; init; }

    public IReadOnlyList<QboTaxCode>? TaxCode { get; init; }

    public IReadOnlyList<QboPreferences>? Preferences { get; init; }

    /// <summary>A query can be answered with a Fault instead of rows (IntuitRestServiceDef.xsd); rows are then not to be trusted.</summary>
    public QboFault? Fault { get; init; }

    public int? StartPosition { get; init; }
}

/// <summary>IntuitBatchRequest (IntuitRestServiceDef.xsd): at most 30 items.</summary>
internal sealed record QboBatchRequest(IReadOnlyList<QboBatchItemRequest> BatchItemRequest);

/// <summary>BatchItemRequest: a bId, an operation and one entity (or a query).</summary>
internal sealed record QboBatchItemRequest : QboBatchEntity
{
    [JsonPropertyName("bId")]
    public required string BatchId { get; init; }

    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    public string? Query { get; init; }
}

/// <summary>BatchItemResponse: the entity written or a Fault, correlated by bId.</summary>
internal sealed record QboBatchItemResponse : QboBatchEntity
{
    [JsonPropertyName("bId")]
    public string? BatchId { get; init; }

    public QboQueryResponse? QueryResponse { get; init; }

    public QboFault? Fault { get; init; }
}
