using System.Text.Json.Serialization;

namespace WiseSync.QuickBooks.Dto;

/// <summary>QBO ReferenceType: <c>{"value":"1","name":"Services"}</c>; recordings show it without a value too (<c>{"name":"US Dollar"}</c>).</summary>
internal sealed record QboRef(
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("name")] string? Name = null);

/// <summary>QBO EmailAddress (Address ≤ 100 characters).</summary>
internal sealed record QboEmail(string? Address);

/// <summary>QBO MetaData; times are kept as the vendor's text so a watermark round-trips exactly.</summary>
internal sealed record QboMetaData(string? CreateTime, string? LastUpdatedTime);

/// <summary>A link between transactions (invoice ↔ payment).</summary>
internal sealed record QboLinkedTxn(string TxnId, string TxnType);

/// <summary>A memo printed on the document: <c>{"value":"…"}</c>.</summary>
internal sealed record QboMemo([property: JsonPropertyName("value")] string Value);
