namespace WiseSync;

/// <summary>What the engine does with an accounting customer's contacts.</summary>
public enum ContactEmailHandling
{
    /// <summary>Leave the accounting customer's contacts alone.</summary>
    None,

    /// <summary>Set only the PSA primary contact (when the invoice was sent to it).</summary>
    PrimaryOnly,

    /// <summary>Set the PSA primary contact and the other invoice recipients who are contacts of the company (the default).</summary>
    PrimaryAndRecipients,
}
