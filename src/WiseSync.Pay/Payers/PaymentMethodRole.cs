namespace WiseSync.Pay;

/// <summary>Which of a payer's two methods is meant.</summary>
public enum PaymentMethodRole
{
    /// <summary>The method charged by default.</summary>
    Primary,

    /// <summary>The fallback, used when there is no primary or a person retries a decline with it.</summary>
    Secondary,
}
