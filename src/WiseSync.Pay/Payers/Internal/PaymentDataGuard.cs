namespace WiseSync.Pay.Internal;

/// <summary>Keeps full card and account numbers out of Wise-Pay: finds them in any text and refuses them.</summary>
internal static class PaymentDataGuard
{
    // Longest digit run allowed anywhere: the last four. Separators people type inside numbers are skipped.
    private const int MaxDigitRun = 4;

    public static string CheckLabel(string label, string field)
    {
        ArgumentNullException.ThrowIfNull(label, field);
        var trimmed = label.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("A payment method needs a label such as 'Visa' or 'Chase checking'.", field);
        }

        if (trimmed.Length > 64)
        {
            throw new ArgumentException("A payment method label is at most 64 characters.", field);
        }

        ThrowIfSensitive(trimmed, field);
        return trimmed;
    }

    public static string CheckLast4(string last4, string field)
    {
        ArgumentNullException.ThrowIfNull(last4, field);
        var trimmed = last4.Trim();
        ThrowIfSensitive(trimmed, field);
        if (trimmed.Length != 4 || !trimmed.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Give exactly the last four digits of the card or account.", field);
        }

        return trimmed;
    }

    /// <summary>Throws when <paramref name="text"/> holds a digit run longer than four (a full card or account number).</summary>
    public static void ThrowIfSensitive(string? text, string field)
    {
        if (FindSensitive(text) is { } reason)
        {
            throw new SensitivePaymentDataException(field, $"Refused '{field}': {reason}. Wise-Pay stores only a label and the last four digits; the number was not stored or logged.");
        }
    }

    /// <summary>Why <paramref name="text"/> is refused, or null when it holds no full number.</summary>
    public static string? FindSensitive(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        string? reason = null;
        foreach (var run in DigitRuns(text))
        {
            if (run.Length >= 12 && run.Length <= 19 && PassesLuhn(run))
            {
                return "it contains a full card number";
            }

            if (run.Length > MaxDigitRun)
            {
                reason ??= "it contains a full card or account number (more than four digits in a row)";
            }
        }

        return reason;
    }

    /// <summary>Whether <paramref name="text"/> holds a full card number (12–19 digits passing the Luhn check).</summary>
    /// <remarks>For ids and names, where long digit runs are normal but a card number never is.</remarks>
    public static bool ContainsCardNumber(string? text) =>
        !string.IsNullOrEmpty(text) && DigitRuns(text).Any(run => run.Length >= 12 && run.Length <= 19 && PassesLuhn(run));

    internal static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    // Digit runs, treating spaces and dashes between digits as part of the run ("4111 1111-1111 1111").
    private static IEnumerable<string> DigitRuns(string text)
    {
        var run = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                run.Append(c);
            }
            else if (run.Length > 0 && IsSeparator(c) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                continue;
            }
            else if (run.Length > 0)
            {
                yield return run.ToString();
                run.Clear();
            }
        }

        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    private static bool IsSeparator(char c) => c is ' ' or '-';
}
