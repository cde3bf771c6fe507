using System.Text.Json.Serialization;

namespace WiseSync.QuickBooks.Internal.Json;

/// <summary>The Fault envelope (reference Part 2.3); also carried per batch item.</summary>
internal sealed record QboFault(
    [property: JsonPropertyName("Error")] IReadOnlyList<QboError>? Error,
    [property: JsonPropertyName("type")] string? Type);

/// <summary>One error of a Fault.</summary>
internal sealed record QboError(
    string? Message,
    string? Detail,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("element")] string? Element);
