namespace WiseSync.Sandbox.Autotask;

/// <summary>The fields of each emulated entity, in the order of the Autotask swagger models (spec excerpt in shared/specs/autotask).</summary>
internal static class AutotaskEntityFields
{
    /// <summary><c>InvoiceModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> Invoices =
    [
        ("id", AutotaskFieldType.Integer),
        ("batchID", AutotaskFieldType.Integer),
        ("comments", AutotaskFieldType.String),
        ("companyID", AutotaskFieldType.Integer),
        ("createDateTime", AutotaskFieldType.DateTime),
        ("creatorResourceID", AutotaskFieldType.Integer),
        ("dueDate", AutotaskFieldType.DateTime),
        ("fromDate", AutotaskFieldType.DateTime),
        ("invoiceDateTime", AutotaskFieldType.DateTime),
        ("invoiceEditorTemplateID", AutotaskFieldType.Integer),
        ("invoiceNumber", AutotaskFieldType.String),
        ("invoiceTotal", AutotaskFieldType.Number),
        ("isVoided", AutotaskFieldType.Boolean),
        ("orderNumber", AutotaskFieldType.String),
        ("paidDate", AutotaskFieldType.DateTime),
        ("paymentTerm", AutotaskFieldType.Integer),
        ("taxGroup", AutotaskFieldType.Integer),
        ("taxRegionName", AutotaskFieldType.String),
        ("toDate", AutotaskFieldType.DateTime),
        ("totalTaxValue", AutotaskFieldType.Number),
        ("voidedByResourceID", AutotaskFieldType.Integer),
        ("voidedDate", AutotaskFieldType.DateTime),
        ("webServiceDate", AutotaskFieldType.DateTime),
        ("invoiceStatus", AutotaskFieldType.Integer),
        ("invoiceTaxMethodExternalCode", AutotaskFieldType.String),
    ];

    /// <summary><c>BillingItemModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> BillingItems =
    [
        ("id", AutotaskFieldType.Integer),
        ("accountManagerWhenApprovedID", AutotaskFieldType.Integer),
        ("billingCodeID", AutotaskFieldType.Integer),
        ("taxCategoryID", AutotaskFieldType.Integer),
        ("billingItemType", AutotaskFieldType.Integer),
        ("companyID", AutotaskFieldType.Integer),
        ("configurationItemID", AutotaskFieldType.Integer),
        ("contractBlockID", AutotaskFieldType.Integer),
        ("contractChargeID", AutotaskFieldType.Integer),
        ("contractID", AutotaskFieldType.Integer),
        ("contractServiceAdjustmentID", AutotaskFieldType.Integer),
        ("contractServiceBundleAdjustmentID", AutotaskFieldType.Integer),
        ("contractServiceBundleID", AutotaskFieldType.Integer),
        ("contractServiceBundlePeriodID", AutotaskFieldType.Integer),
        ("contractServiceID", AutotaskFieldType.Integer),
        ("contractServicePeriodID", AutotaskFieldType.Integer),
        ("description", AutotaskFieldType.String),
        ("expenseItemID", AutotaskFieldType.Integer),
        ("extendedPrice", AutotaskFieldType.Number),
        ("internalCurrencyExtendedPrice", AutotaskFieldType.Number),
        ("internalCurrencyRate", AutotaskFieldType.Number),
        ("internalCurrencyTaxDollars", AutotaskFieldType.Number),
        ("internalCurrencyTotalAmount", AutotaskFieldType.Number),
        ("invoiceID", AutotaskFieldType.Integer),
        ("itemApproverID", AutotaskFieldType.Integer),
        ("itemDate", AutotaskFieldType.DateTime),
        ("itemName", AutotaskFieldType.String),
        ("lineItemFullDescription", AutotaskFieldType.String),
        ("lineItemGroupDescription", AutotaskFieldType.String),
        ("milestoneID", AutotaskFieldType.Integer),
        ("nonBillable", AutotaskFieldType.Integer),
        ("organizationalLevelAssociationID", AutotaskFieldType.Integer),
        ("ourCost", AutotaskFieldType.Number),
        ("postedDate", AutotaskFieldType.DateTime),
        ("postedOnTime", AutotaskFieldType.DateTime),
        ("projectChargeID", AutotaskFieldType.Integer),
        ("projectID", AutotaskFieldType.Integer),
        ("purchaseOrderNumber", AutotaskFieldType.String),
        ("quantity", AutotaskFieldType.Number),
        ("rate", AutotaskFieldType.Number),
        ("roleID", AutotaskFieldType.Integer),
        ("serviceBundleID", AutotaskFieldType.Integer),
        ("serviceID", AutotaskFieldType.Integer),
        ("sortOrderID", AutotaskFieldType.Integer),
        ("subType", AutotaskFieldType.Integer),
        ("taskID", AutotaskFieldType.Integer),
        ("taxDollars", AutotaskFieldType.Number),
        ("ticketChargeID", AutotaskFieldType.Integer),
        ("ticketID", AutotaskFieldType.Integer),
        ("timeEntryID", AutotaskFieldType.Integer),
        ("totalAmount", AutotaskFieldType.Number),
        ("vendorID", AutotaskFieldType.Integer),
        ("webServiceDate", AutotaskFieldType.DateTime),
    ];

    /// <summary><c>CompanyModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> Companies =
    [
        ("id", AutotaskFieldType.Integer),
        ("additionalAddressInformation", AutotaskFieldType.String),
        ("address1", AutotaskFieldType.String),
        ("address2", AutotaskFieldType.String),
        ("alternatePhone1", AutotaskFieldType.String),
        ("alternatePhone2", AutotaskFieldType.String),
        ("apiVendorID", AutotaskFieldType.Integer),
        ("assetValue", AutotaskFieldType.Number),
        ("billToCompanyLocationID", AutotaskFieldType.Integer),
        ("billToAdditionalAddressInformation", AutotaskFieldType.String),
        ("billingAddress1", AutotaskFieldType.String),
        ("billingAddress2", AutotaskFieldType.String),
        ("billToAddressToUse", AutotaskFieldType.Integer),
        ("billToAttention", AutotaskFieldType.String),
        ("billToCity", AutotaskFieldType.String),
        ("billToCountryID", AutotaskFieldType.Integer),
        ("billToState", AutotaskFieldType.String),
        ("billToZipCode", AutotaskFieldType.String),
        ("city", AutotaskFieldType.String),
        ("classification", AutotaskFieldType.Integer),
        ("companyCategoryID", AutotaskFieldType.Integer),
        ("companyName", AutotaskFieldType.String),
        ("companyNumber", AutotaskFieldType.String),
        ("companyType", AutotaskFieldType.Integer),
        ("competitorID", AutotaskFieldType.Integer),
        ("countryID", AutotaskFieldType.Integer),
        ("createDate", AutotaskFieldType.DateTime),
        ("createdByResourceID", AutotaskFieldType.Integer),
        ("currencyID", AutotaskFieldType.Integer),
        ("fax", AutotaskFieldType.String),
        ("impersonatorCreatorResourceID", AutotaskFieldType.Integer),
        ("invoiceEmailMessageID", AutotaskFieldType.Integer),
        ("invoiceMethod", AutotaskFieldType.Integer),
        ("invoiceNonContractItemsToParentCompany", AutotaskFieldType.Boolean),
        ("invoiceTemplateID", AutotaskFieldType.Integer),
        ("isActive", AutotaskFieldType.Boolean),
        ("isClientPortalActive", AutotaskFieldType.Boolean),
        ("isEnabledForComanaged", AutotaskFieldType.Boolean),
        ("isSample", AutotaskFieldType.Boolean),
        ("isTaskFireActive", AutotaskFieldType.Boolean),
        ("isTaxExempt", AutotaskFieldType.Boolean),
        ("lastActivityDate", AutotaskFieldType.DateTime),
        ("lastTrackedModifiedDateTime", AutotaskFieldType.DateTime),
        ("marketSegmentID", AutotaskFieldType.Integer),
        ("ownerResourceID", AutotaskFieldType.Integer),
        ("parentCompanyID", AutotaskFieldType.Integer),
        ("phone", AutotaskFieldType.String),
        ("postalCode", AutotaskFieldType.String),
        ("purchaseOrderTemplateID", AutotaskFieldType.Integer),
        ("quoteEmailMessageID", AutotaskFieldType.Integer),
        ("quoteTemplateID", AutotaskFieldType.Integer),
        ("sicCode", AutotaskFieldType.String),
        ("state", AutotaskFieldType.String),
        ("stockMarket", AutotaskFieldType.String),
        ("stockSymbol", AutotaskFieldType.String),
        ("surveyCompanyRating", AutotaskFieldType.Number),
        ("taxID", AutotaskFieldType.String),
        ("taxRegionID", AutotaskFieldType.Integer),
        ("territoryID", AutotaskFieldType.Integer),
        ("webAddress", AutotaskFieldType.String),
        ("userDefinedFields", AutotaskFieldType.Other),
    ];

    /// <summary><c>ContactModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> Contacts =
    [
        ("id", AutotaskFieldType.Integer),
        ("additionalAddressInformation", AutotaskFieldType.String),
        ("addressLine", AutotaskFieldType.String),
        ("addressLine1", AutotaskFieldType.String),
        ("alternatePhone", AutotaskFieldType.String),
        ("apiVendorID", AutotaskFieldType.Integer),
        ("bulkEmailOptOutTime", AutotaskFieldType.DateTime),
        ("city", AutotaskFieldType.String),
        ("companyID", AutotaskFieldType.Integer),
        ("companyLocationID", AutotaskFieldType.Integer),
        ("countryID", AutotaskFieldType.Integer),
        ("createDate", AutotaskFieldType.DateTime),
        ("emailAddress", AutotaskFieldType.String),
        ("emailAddress2", AutotaskFieldType.String),
        ("emailAddress3", AutotaskFieldType.String),
        ("extension", AutotaskFieldType.String),
        ("externalID", AutotaskFieldType.String),
        ("facebookUrl", AutotaskFieldType.String),
        ("faxNumber", AutotaskFieldType.String),
        ("firstName", AutotaskFieldType.String),
        ("impersonatorCreatorResourceID", AutotaskFieldType.Integer),
        ("isActive", AutotaskFieldType.Integer),
        ("isOptedOutFromBulkEmail", AutotaskFieldType.Boolean),
        ("lastActivityDate", AutotaskFieldType.DateTime),
        ("lastModifiedDate", AutotaskFieldType.DateTime),
        ("lastName", AutotaskFieldType.String),
        ("linkedInUrl", AutotaskFieldType.String),
        ("middleInitial", AutotaskFieldType.String),
        ("mobilePhone", AutotaskFieldType.String),
        ("namePrefix", AutotaskFieldType.Integer),
        ("nameSuffix", AutotaskFieldType.Integer),
        ("note", AutotaskFieldType.String),
        ("receivesEmailNotifications", AutotaskFieldType.Boolean),
        ("phone", AutotaskFieldType.String),
        ("primaryContact", AutotaskFieldType.Boolean),
        ("billingContact", AutotaskFieldType.Boolean),
        ("roomNumber", AutotaskFieldType.String),
        ("solicitationOptOut", AutotaskFieldType.Boolean),
        ("solicitationOptOutTime", AutotaskFieldType.DateTime),
        ("state", AutotaskFieldType.String),
        ("surveyOptOut", AutotaskFieldType.Boolean),
        ("title", AutotaskFieldType.String),
        ("twitterUrl", AutotaskFieldType.String),
        ("zipCode", AutotaskFieldType.String),
        ("userDefinedFields", AutotaskFieldType.Other),
    ];

    /// <summary><c>PaymentTermModel</c>.</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> PaymentTerms =
    [
        ("id", AutotaskFieldType.Integer),
        ("description", AutotaskFieldType.String),
        ("isActive", AutotaskFieldType.Boolean),
        ("name", AutotaskFieldType.String),
        ("paymentDueInDays", AutotaskFieldType.Integer),
    ];

    /// <summary><c>BillingCodeModel</c> (reference/psa-apis.md §1.6).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> BillingCodes =
    [
        ("id", AutotaskFieldType.Integer),
        ("afterHoursWorkType", AutotaskFieldType.Integer),
        ("billingCodeType", AutotaskFieldType.Integer),
        ("department", AutotaskFieldType.Integer),
        ("description", AutotaskFieldType.String),
        ("externalNumber", AutotaskFieldType.String),
        ("generalLedgerAccount", AutotaskFieldType.Integer),
        ("isActive", AutotaskFieldType.Boolean),
        ("isExcludedFromNewContracts", AutotaskFieldType.Boolean),
        ("markupRate", AutotaskFieldType.Number),
        ("name", AutotaskFieldType.String),
        ("taxCategoryID", AutotaskFieldType.Integer),
        ("unitCost", AutotaskFieldType.Number),
        ("unitPrice", AutotaskFieldType.Number),
        ("useType", AutotaskFieldType.Integer),
    ];

    /// <summary><c>TaxCategoryModel</c> (reference/psa-apis.md §1.6).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> TaxCategories =
    [
        ("id", AutotaskFieldType.Integer),
        ("description", AutotaskFieldType.String),
        ("isActive", AutotaskFieldType.Boolean),
        ("name", AutotaskFieldType.String),
    ];

    /// <summary><c>OrganizationalLevel1Model</c> / <c>OrganizationalLevel2Model</c> (reference/psa-apis.md §1.8).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> OrganizationalLevels =
    [
        ("id", AutotaskFieldType.Integer),
        ("isActive", AutotaskFieldType.Boolean),
        ("name", AutotaskFieldType.String),
    ];

    /// <summary><c>OrganizationalLevelAssociationModel</c> (reference/psa-apis.md §1.8).</summary>
    public static readonly IReadOnlyList<(string Name, AutotaskFieldType Type)> OrganizationalLevelAssociations =
    [
        ("id", AutotaskFieldType.Integer),
        ("isActive", AutotaskFieldType.Boolean),
        ("organizationalLevel1ID", AutotaskFieldType.Integer),
        ("organizationalLevel2ID", AutotaskFieldType.Integer),
    ];

    /// <summary>Fields that are returned but cannot be filtered on (reference/psa-apis.md §1.5, §1.6).</summary>
    public static readonly IReadOnlySet<string> NotQueryable = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Invoices.dueDate", "Invoices.taxRegionID", "BillingItems.lineItemFullDescription", "BillingItems.lineItemGroupDescription",
    };
}


/// <summary>The wire type of an Autotask field.</summary>
internal enum AutotaskFieldType
{
    Integer,
    Number,
    Boolean,
    DateTime,
    String,
    Other,
}
