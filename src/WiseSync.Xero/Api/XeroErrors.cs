using System.Text.Json;
using WiseSync.Xero.Api.Dto;

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
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Message", out var m) ? m.GetString() : null)
                    .OfType<string>());
            }
        }

        if (messages.Count == 0)
        {
            messages.Add(error?.Message ?? "Xero refused the request" + Describe(body));
        }

        return messages.Distinct(StringComparer.Ordinal).ToList();
    }

    public static IEnumerable<string> Messages(IReadOnlyList<XeroValidationErrorDto>? errors) =>
        (errors ?? []).Select(e => e.Message).OfType<string>().Where(m => m.Length > 0);

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
