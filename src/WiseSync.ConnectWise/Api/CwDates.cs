using System.Globalization;
using NodaTime;

namespace WiseSync.ConnectWise.Api;

/// <summary>Reads ConnectWise date fields.</summary>
internal static class CwDates
{
    /// <summary>
    /// Date-only fields arrive as midnight UTC ("2026-11-15T00:00:00Z") and are read by their calendar date — converting
    /// them through a zone west of UTC would move them a day back (reference/psa-apis.md Part 3: "dates off by a day").
    /// A value with a time of day is a real instant and is converted to the site's zone.
    /// </summary>
    public static LocalDate? ToLocalDate(string? value, DateTimeZone zone)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return null;
        }

        if (parsed.TimeOfDay == TimeSpan.Zero)
        {
            return new LocalDate(parsed.Year, parsed.Month, parsed.Day);
        }

        return Instant.FromDateTimeOffset(parsed).InZone(zone).Date;
    }

    public static Instant? ToInstant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? Instant.FromDateTimeOffset(parsed)
            : null;

    public static string ToWire(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
}
