using WiseSync.Pay.Internal;

namespace WiseSync.Pay;

/// <summary>
/// A payment method as Wise-Pay keeps it: the kind, a label and the last four digits — never the full card or
/// account number. The real instrument lives with the payment processor; this is only what a person sees.
/// </summary>
public sealed record PaymentMethod
{
    /// <summary>Creates a method; a full card or account number anywhere in it is refused.</summary>
    /// <param name="kind">Card or bank account.</param>
    /// <param name="label">What a person recognises it by ("Visa", "Chase checking"); no long digit runs.</param>
    /// <param name="last4">Exactly the last four digits.</param>
    /// <exception cref="SensitivePaymentDataException">The label or digits hold a full card or account number.</exception>
    /// <exception cref="ArgumentException">The last four digits are not four digits.</exception>
    public PaymentMethod(PaymentMethodKind kind, string label, string last4)
    {
        Kind = kind;
        Label = PaymentDataGuard.CheckLabel(label, nameof(label));
        Last4 = PaymentDataGuard.CheckLast4(last4, nameof(last4));
    }

    /// <summary>Card or bank account.</summary>
    public PaymentMethodKind Kind { get; }

    /// <summary>What a person recognises it by.</summary>
    public string Label { get; }

    /// <summary>The last four digits.</summary>
    public string Last4 { get; }

    /// <summary>The masked form shown in reports, e.g. <c>Visa **** 4242</c>.</summary>
    public string Display => Kind == PaymentMethodKind.Card ? $"{Label} **** {Last4}" : $"{Label} (account ending {Last4})";

    /// <summary>A card with its label and last four digits.</summary>
    public static PaymentMethod Card(string label, string last4) => new(PaymentMethodKind.Card, label, last4);

    /// <summary>A bank account with its label and last four digits.</summary>
    public static PaymentMethod BankAccount(string label, string last4) => new(PaymentMethodKind.BankAccount, label, last4);

    /// <inheritdoc />
    public override string ToString() => Display;
}
