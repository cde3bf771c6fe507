namespace WiseSync.Autotask;

/// <summary>Where an Autotask invoice's email recipients come from.</summary>
public enum AutotaskRecipientSource
{
    /// <summary>
    /// The company's active contacts flagged <c>billingContact</c>, else its primary contact. Read with the contacts
    /// in bulk: no extra request per company.
    /// </summary>
    BillingContacts,

    /// <summary>
    /// The company's invoice email settings (<c>Companies/{id}/invoiceSettings</c>: contact recipients, then other
    /// emails), else billing contacts, else the primary contact. One extra request per company per run.
    /// </summary>
    InvoiceSettings,
}
