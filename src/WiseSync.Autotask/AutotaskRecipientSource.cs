namespace WiseSync.Autotask;

/// <summary>Where an Autotask invoice's email recipients come from.</summary>
public enum AutotaskRecipientSource
{
    /// <summary>
    /// The company's active contacts flagged <c>billingContact</c>. Read with the contacts in bulk: no extra request per
    /// company.
    /// </summary>
    BillingContacts,

    /// <summary>
    /// The company's invoice email settings (<c>Companies/{id}/invoiceSettings</c>: contact recipients, then other
    /// emails, ad-hoc addresses that count as the contact they belong to), else billing contacts. One extra request per
    /// company per run.
    /// </summary>
    InvoiceSettings,
}
