namespace WiseSync.Pay;

/// <summary>
/// A full card number (PAN) or bank account number was given where only a masked method belongs. Wise-Pay
/// refuses it and keeps no copy; the message never repeats the number.
/// </summary>
public sealed class SensitivePaymentDataException : WiseSyncException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">Which field held the number.</param>
    /// <param name="message">Why it was refused, without the number.</param>
    public SensitivePaymentDataException(string field, string message) : base(message)
    {
        Field = field;
    }

    /// <summary>The field that held the number.</summary>
    public string Field { get; }
}
