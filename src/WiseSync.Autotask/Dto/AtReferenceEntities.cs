namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>PaymentTermModel</c>.</summary>
internal sealed record AtPaymentTerm
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public int? PaymentDueInDays { get; init; }
}

/// <summary>Autotask <c>BillingCodeModel</c>: maps a line to the accounting item and GL account.</summary>
internal sealed record AtBillingCode
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? ExternalNumber { get; init; }

    public int? GeneralLedgerAccount { get; init; }
}

/// <summary>Autotask <c>TaxCategoryModel</c>.</summary>
internal sealed record AtTaxCategory
{
    public long Id { get; init; }

    public string? Name { get; init; }
}

/// <summary>Autotask <c>OrganizationalLevelAssociationModel</c>: a pair of organizational levels (line of business).</summary>
internal sealed record AtOrganizationalLevelAssociation
{
    public long Id { get; init; }

    public int? OrganizationalLevel1ID { get; init; }

    public int? OrganizationalLevel2ID { get; init; }
}

/// <summary>Autotask <c>OrganizationalLevel1Model</c> / <c>OrganizationalLevel2Model</c>.</summary>
internal sealed record AtOrganizationalLevel
{
    public long Id { get; init; }

    public string? Name { get; init; }
}

/// <summary>Autotask <c>AccountInvoiceSettingsResultModel</c> (<c>Companies/{id}/invoiceSettings</c>).</summary>
internal sealed record AtInvoiceSettings
{
    public bool? InvoiceEmailingEnabled { get; init; }

    public IReadOnlyList<long>? ContactRecipients { get; init; }

    public string? OtherEmails { get; init; }
}

/// <summary>The answer of <c>Invoices/{id}/InvoiceMarkupXml</c>.</summary>
internal sealed record AtInvoiceMarkup
{
    public string? InvoiceMarkup { get; init; }
}
