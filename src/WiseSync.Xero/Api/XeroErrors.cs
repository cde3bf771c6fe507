using System.Text.Json;
using WiseSync.Xero.Dto;

namespace WiseSync.Xero.Api;

/// <summary>Reads Xero's error bodies: schemas.Error with element ValidationErrors, or plain text (reference §1.3).</summary>
internal static class XeroErrors
{
    public static IReadOnlyList<string> Messages(string body)
    {
        XeroErrorDto? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, XeroJsonContext.Default.XeroErrorDto);
        }
        catch (JsonException)
        {
            // Not JSON (Xero sometimes answers text); described below.
        }

        var messages = new List<string>();
        foreach (var element in error?.Elements ?? [])
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("ValidationErrors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                messages.AddRange(errors.EnumerateArray()
                    .Select(e => Text(e, "Message") ?? Text(e, "Description"))
                    .OfType<string>());
            }
        }

        if (messages.Count == 0)
        {
            messages.Add(error?.Message ?? "Xero refused the request" + Describe(body));
        }

        return messages.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Xero's refusal of a filter it cannot serve efficiently for a large organisation: HTTP 400 with
    /// <c>"Type": "HighVolumeException"</c>, <c>"ErrorNumber": 51</c> (Xero-NetStandard#604, xero-python#148).
    /// </summary>
    public static bool IsHighVolume(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, XeroJsonContext.Default.XeroErrorDto);
            return error is not null && (error.ErrorNumber == HighVolumeErrorNumber || string.Equals(error.Type, HighVolumeType, StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public const int HighVolumeErrorNumber = 51;
    public const string HighVolumeType = "HighVolumeException";

    public static IEnumerable<string> Messages(IReadOnlyList<XeroValidationErrorDto>? errors) => XeroElementStatus.Messages(errors);

    private static string? Text(JsonElement error, string name) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(text.GetString())
            ? text.GetString()!.Trim()
            : null;

    /// <summary>A short, single-line excerpt of a non-JSON body for messages.</summary>
    public static string Describe(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        if (text.Length == 0 || text.StartsWith('<'))
        {
            return string.Empty;
        }

        return ": " + (text.Length > 160 ? text[..160] + "…" : text);
    }
}
