using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace WiseSync.Pay.Internal;

/// <summary>
/// How Wise-Pay's values are stored as text: ISO dates and instants sort correctly; decimals keep every digit.
/// </summary>
internal static class PayColumns
{
    public static string Stamp(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static Instant ParseStamp(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseMoney(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static object DbValue(object? value) => value ?? DBNull.Value;

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string RoleText(PaymentMethodRole role) => role == PaymentMethodRole.Primary ? "primary" : "secondary";

    public static string StatusText(ScheduledPaymentStatus status) => status.ToString().ToLowerInvariant();

    public static ScheduledPaymentStatus ParseStatus(string text) => Enum.Parse<ScheduledPaymentStatus>(text, ignoreCase: true);
}
