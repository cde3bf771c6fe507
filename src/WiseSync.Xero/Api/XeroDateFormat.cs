using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace WiseSync.Xero.Api;

/// <summary>Xero's JSON dates: "/Date(ms+0000)/" on reads, YYYY-MM-DD on writes (reference §1.6 Reading invoices).</summary>
internal static partial class XeroDateFormat
{
    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A UTC instant as sent in If-Modified-Since (Xero's spec example is ISO 8601).</summary>
    public static string FormatInstant(Instant instant) => InstantPattern.General.Format(instant);

    public static LocalDate? ParseDate(string? text) => ParseInstant(text) is { } instant ? instant.InUtc().Date : null;

    public static Instant? ParseInstant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ms = MsDate().Match(text);
        if (ms.Success)
        {
            return Instant.FromUnixTimeMilliseconds(long.Parse(ms.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } iso)
        {
            return iso.Value;
        }

        if (LocalDateTimePattern.ExtendedIso.Parse(text) is { Success: true } local)
        {
            return local.Value.InUtc().ToInstant();
        }

        return LocalDatePattern.Iso.Parse(text) is { Success: true } date ? date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() : null;
    }

    [GeneratedRegex(@"^/?Date\((-?\d+)([+-]\d{4})?\)/?$")]
    private static partial Regex MsDate();
}
