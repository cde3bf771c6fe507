using System.Text.Json.Serialization;

namespace WiseSync.Autotask.Dto;

/// <summary>PATCH body that sets or clears <c>webServiceDate</c>; a null is sent explicitly to clear it (reference/psa-apis.md §1.5).</summary>
internal sealed record AtInvoiceSyncPatch(
    long Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? WebServiceDate);

/// <summary>PATCH body that sets <c>paidDate</c>; Autotask stores only its date (reference/psa-apis.md §1.5).</summary>
internal sealed record AtInvoicePaidPatch(long Id, string PaidDate);

/// <summary>Autotask <c>OperationResultModel</c>: <c>{"itemId": n}</c>.</summary>
internal sealed record AtOperationResult
{
    public long? ItemId { get; init; }
}
