using System.Globalization;
using NodaTime.Text;
using WiseSync.Ledger.Sqlite;

namespace WiseSync.Pay.Internal;

/// <summary>
/// What every Wise-Pay table shares: the ledger's SQLite plumbing, and how Wise-Pay's values are stored as text
/// (ISO dates and instants sort correctly; decimals keep every digit).
/// </summary>
internal abstract class PayTable(SqliteDatabase database, IClock clock) : SqliteTable(database)
{
    private readonly IClock _clock = clock;

    /// <summary>The current instant as it is stored in <c>updated_at</c> columns.</summary>
    protected string NowStamp() => Stamp(_clock.GetCurrentInstant());

    protected static string Stamp(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    protected static Instant ParseStamp(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    protected static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    protected static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    protected static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    protected static decimal ParseMoney(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    protected static object DbValue(object? value) => value ?? DBNull.Value;

    protected static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    protected static string RoleText(PaymentMethodRole role) => role == PaymentMethodRole.Primary ? "primary" : "secondary";

    protected static string StatusText(ScheduledPaymentStatus status) => status.ToString().ToLowerInvariant();

    protected static ScheduledPaymentStatus ParseStatus(string text) => Enum.Parse<ScheduledPaymentStatus>(text, ignoreCase: true);
}
