namespace WiseSync.Xero;

/// <summary>The status new Xero invoices and credit notes are created with.</summary>
public enum XeroInvoiceStatus
{
    /// <summary>Approved: ready to send and to receive payments.</summary>
    Authorised,

    /// <summary>Draft: reviewed and approved by someone in Xero.</summary>
    Draft,
}
