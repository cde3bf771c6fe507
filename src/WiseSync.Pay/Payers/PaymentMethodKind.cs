namespace WiseSync.Pay;

/// <summary>What kind of payment method a payer has on file.</summary>
public enum PaymentMethodKind
{
    /// <summary>A credit or debit card.</summary>
    Card,

    /// <summary>A bank account (ACH / direct debit).</summary>
    BankAccount,
}
