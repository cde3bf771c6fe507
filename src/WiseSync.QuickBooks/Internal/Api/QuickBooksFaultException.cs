using WiseSync.QuickBooks.Internal.Json;

namespace WiseSync.QuickBooks.Internal.Api;

/// <summary>QBO answered a whole request with a Fault (per-item faults of a batch are results instead).</summary>
internal sealed class QuickBooksFaultException(int statusCode, QboFault? fault)
    : WiseSyncException(QuickBooksFaults.Describe(fault, statusCode))
{
    public int StatusCode { get; } = statusCode;

    public QboFault? Fault { get; } = fault;

    public bool HasCode(string code) => QuickBooksFaults.HasCode(Fault, code);
}

/// <summary>Reads Fault bodies: one place for QBO's error codes (reference Part 2.3).</summary>
internal static class QuickBooksFaults
{
    public const string StaleObject = "5010";
    public const string DuplicateName = "6240";
    public const string DuplicateDocNumber = "6140";
    public const string DuplicateDocNumberAlternative = "6210";
    public const string Throttled = "3001";

    public static bool HasCode(QboFault? fault, string code) =>
        fault?.Error?.Any(e => string.Equals(e.Code, code, StringComparison.Ordinal)) == true;

    /// <summary>The duplicate-number code is reported as 6140 or 6210; the message decides (reference Part 2.3).</summary>
    public static bool IsDuplicateDocNumber(QboFault? fault) =>
        HasCode(fault, DuplicateDocNumber) || HasCode(fault, DuplicateDocNumberAlternative)
        || fault?.Error?.Any(e => e.Message?.Contains("Duplicate Document Number", StringComparison.OrdinalIgnoreCase) == true) == true;

    public static IReadOnlyList<string> Messages(QboFault? fault) =>
        fault?.Error is { Count: > 0 } errors
            ? errors.Select(e => $"{e.Message}{(string.IsNullOrEmpty(e.Detail) || e.Detail == e.Message ? string.Empty : ": " + e.Detail)} (code {e.Code})").ToList()
            : ["QuickBooks returned an error without details"];

    public static string Describe(QboFault? fault, int? statusCode = null) =>
        "QuickBooks: " + string.Join("; ", Messages(fault)) + (statusCode is { } s ? $" [HTTP {s}]" : string.Empty);
}
