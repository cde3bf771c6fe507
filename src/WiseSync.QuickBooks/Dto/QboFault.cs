using System.Text.Json.Serialization;

namespace WiseSync.QuickBooks.Dto;

/// <summary>
/// The Fault envelope (reference Part 2.3); also carried per batch item and inside a QueryResponse
/// (IntuitRestServiceDef.xsd: "Fault or Object should be returned"). The 401 answer spells it <c>fault</c>/<c>error</c>.
/// </summary>
internal sealed record QboFault(
    IReadOnlyList<QboError>? Error,
    string? Type)
{
    /// <summary>Intuit's transaction id of the answer that carried this fault (response header <c>intuit_tid</c>); support asks for it.</summary>
    [JsonIgnore]
    public string? IntuitTid { get; init; }
}

/// <summary>One error of a Fault.</summary>
internal sealed record QboError(string? Message, string? Detail, string? Code, string? Element);
