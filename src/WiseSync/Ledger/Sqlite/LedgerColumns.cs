using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace WiseSync.Ledger.Sqlite;

/// <summary>How the ledger's values are stored: instants as ticks, decimals and dates as invariant text.</summary>
internal static class LedgerColumns
{
    public static string? NullableString(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static Instant? NullableInstant(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Instant.FromUnixTimeTicks(r.GetInt64(ordinal));

    public static string? FormatDecimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static decimal? ParseDecimal(string? value) => value is null ? null : decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static string? FormatDate(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;
}
