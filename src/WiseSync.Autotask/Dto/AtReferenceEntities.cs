namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>PaymentTermModel</c>.</summary>
internal sealed record AtPaymentTerm(long Id, string? Name, int? PaymentDueInDays);

/// <summary>Autotask <c>BillingCodeModel</c>: maps a line to the accounting item and GL account.</summary>
internal sealed record AtBillingCode(long Id, string? Name, string? ExternalNumber, int? GeneralLedgerAccount);

/// <summary>Autotask <c>TaxCategoryModel</c>.</summary>
internal sealed record AtTaxCategory(long Id, string? Name);

/// <summary>Autotask <c>OrganizationalLevelAssociationModel</c>: a pair of organizational levels (line of business).</summary>
internal sealed record AtOrganizationalLevelAssociation(long Id, int? OrganizationalLevel1ID, int? OrganizationalLevel2ID);

/// <summary>Autotask <c>OrganizationalLevel1Model</c> / <c>OrganizationalLevel2Model</c>.</summary>
internal sealed record AtOrganizationalLevel(long Id, string? Name);

/// <summary>Autotask <c>AccountInvoiceSettingsResultModel</c> (<c>Companies/{id}/invoiceSettings</c>).</summary>
internal sealed record AtInvoiceSettings
{
    public bool? InvoiceEmailingEnabled { get; init; }

    public IReadOnlyList<long>? ContactRecipients { get; init; }

    public string? OtherEmails { get; init; }
}

/// <summary>The answer of <c>Invoices/{id}/InvoiceMarkupXml</c>.</summary>
internal sealed record AtInvoiceMarkup(string? InvoiceMarkup);
