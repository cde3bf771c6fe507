using System.Text.RegularExpressions;

namespace WiseSync.Sandbox.Xero;

/// <summary>Xero's JSON date forms: "/Date(ms+0000)/" out, "YYYY-MM-DD" (or the MS form) in.</summary>
internal static partial class XeroDates
{
    public static string ToMsDate(DateOnly date) =>
        ToMs(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public static string ToMsDateTime(DateTimeOffset instant) => ToMs(instant);

    public static string ToIsoDateString(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00";

    public static string ToIsoUtc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads a date Xero accepts on input; null when the text is not a date.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ms = MsDate().Match(text);
        if (ms.Success)
        {
            var millis = long.Parse(ms.Groups[1].Value, CultureInfo.InvariantCulture);
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime);
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return DateOnly.FromDateTime(parsed);
        }

        return null;
    }

    /// <summary>Reads an If-Modified-Since value: ISO 8601 (Xero's example) or RFC 1123.</summary>
    public static DateTimeOffset? ParseInstant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ms = MsDate().Match(text);
        if (ms.Success)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static string ToMs(DateTimeOffset instant) =>
        "/Date(" + instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "+0000)/";

    [GeneratedRegex(@"^/?Date\((-?\d+)([+-]\d{4})?\)/?$")]
    private static partial Regex MsDate();
}
