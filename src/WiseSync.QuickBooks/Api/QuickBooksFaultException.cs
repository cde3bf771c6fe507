using WiseSync.QuickBooks.Dto;

namespace WiseSync.QuickBooks.Api;

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
    public const string BusinessValidation = "6000";
    public const string InvalidReference = "2500";

    public static bool HasCode(QboFault? fault, string code) =>
        fault?.Error?.Any(e => string.Equals(NormalCode(e.Code), code, StringComparison.Ordinal)) == true;

    /// <summary>The duplicate-number code is reported as 6140 or 6210; the message decides (reference Part 2.3).</summary>
    public static bool IsDuplicateDocNumber(QboFault? fault) =>
        HasCode(fault, DuplicateDocNumber) || HasCode(fault, DuplicateDocNumberAlternative)
        || fault?.Error?.Any(e => e.Message?.Contains("Duplicate Document Number", StringComparison.OrdinalIgnoreCase) == true) == true;

    /// <summary>
    /// Whether the fault is about tax codes (a line without TaxCodeRef in a VAT/GST company is 6000 "… have a VAT rate …";
    /// an unknown TaxCodeRef is 2500), so the company's tax settings are read again before the next write.
    /// </summary>
    public static bool IsAboutTax(QboFault? fault) =>
        fault?.Error?.Any(e =>
            (HasCode(fault, BusinessValidation) || HasCode(fault, InvalidReference))
            && ((e.Detail?.Contains("tax", StringComparison.OrdinalIgnoreCase) ?? false)
                || (e.Detail?.Contains("VAT", StringComparison.Ordinal) ?? false)
                || (e.Detail?.Contains("GST", StringComparison.Ordinal) ?? false)
                || (e.Element?.Contains("TaxCode", StringComparison.OrdinalIgnoreCase) ?? false))) == true;

    public static IReadOnlyList<string> Messages(QboFault? fault) =>
        fault?.Error is { Count: > 0 } errors
            ? errors.Select(e => $"{e.Message}{(string.IsNullOrEmpty(e.Detail) || e.Detail == e.Message ? string.Empty : ": " + e.Detail)} (code {NormalCode(e.Code)})").ToList()
            : ["QuickBooks returned an error without details"];

    /// <summary>The errors, the HTTP status when known and Intuit's transaction id (<c>intuit_tid</c>) when the answer carried one.</summary>
    public static string Describe(QboFault? fault, int? statusCode = null) =>
        "QuickBooks: " + string.Join("; ", Messages(fault))
        + (statusCode is { } s ? $" [HTTP {s}]" : string.Empty)
        + (string.IsNullOrEmpty(fault?.IntuitTid) ? string.Empty : $" [intuit_tid {fault.IntuitTid}]");

    // The throttle body says both "3001" and "errorCode=003001"; recordings of clients show "003001" as the code too.
    private static string? NormalCode(string? code) =>
        code is { Length: > 1 } && code[0] == '0' && code.All(char.IsAsciiDigit) ? code.TrimStart('0') : code;
}
