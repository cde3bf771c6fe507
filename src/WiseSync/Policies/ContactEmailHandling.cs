namespace WiseSync;

/// <summary>What the engine does with an accounting customer's contacts.</summary>
public enum ContactEmailHandling
{
    /// <summary>Leave the accounting customer's contacts alone.</summary>
    None,

    /// <summary>Set only the PSA primary contact as the accounting primary; further persons / email addresses are left as they are.</summary>
    PrimaryOnly,

    /// <summary>Set the PSA primary contact as the accounting primary and the invoice recipients who are active contacts of the company as the further persons (the default).</summary>
    PrimaryAndRecipients,
}
