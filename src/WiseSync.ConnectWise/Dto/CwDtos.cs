using System.Text.Json.Serialization;

namespace WiseSync.ConnectWise.Dto;

// ConnectWise Manage wire shapes (spec subsets in shared/specs/connectwise; accounting bodies per SOURCES.md §3).
// Only the fields WiseSync reads or writes; unknown fields are ignored on read.

internal sealed record CwReference(int? Id, string? Name, string? Identifier = null);

internal sealed record CwStatusReference(int? Id, string? Name, bool? IsClosed);

internal sealed record CwCurrencyReference(int? Id, string? CurrencyCode, string? Name);

internal sealed record CwInfo([property: JsonPropertyName("lastUpdated")] string? LastUpdated);

internal sealed record CwInvoice
{
    public int Id { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? Type { get; init; }
    public CwStatusReference? Status { get; init; }
    public CwReference? Company { get; init; }
    public CwReference? BillToCompany { get; init; }
    public string? AccountNumber { get; init; }
    public CwReference? BillingTerms { get; init; }
    public string? CustomerPO { get; init; }
    public string? Date { get; init; }
    public string? DueDate { get; init; }
    public int? LocationId { get; init; }
    public CwReference? Location { get; init; }
    public CwReference? Department { get; init; }
    public CwCurrencyReference? Currency { get; init; }
    public decimal? Subtotal { get; init; }
    public decimal? Total { get; init; }
    public decimal? SalesTax { get; init; }
    public decimal? Payments { get; init; }
    public decimal? Credits { get; init; }
    public decimal? Balance { get; init; }
    public CwReference? GlBatch { get; init; }

    [JsonPropertyName("_info")]
    public Dictionary<string, string?>? Info { get; init; }
}

internal sealed record CwUnpostedInvoice
{
    public int Id { get; init; }
    public int BillingLogId { get; init; }
    public int? LocationId { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? InvoiceDate { get; init; }
    public string? DueDays { get; init; }
}

internal sealed record CwCompany
{
    public int Id { get; init; }
    public string? Identifier { get; init; }
    public string? Name { get; init; }
    public string? AccountNumber { get; init; }
    public CwReference? DefaultContact { get; init; }
    public CwReference? BillingContact { get; init; }
    public CwReference? BillToCompany { get; init; }
    public string? InvoiceToEmailAddress { get; init; }
    public string? InvoiceCCEmailAddress { get; init; }
    public bool? DeletedFlag { get; init; }
}

internal sealed record CwCommunicationItem(int? Id, string? Value, bool? DefaultFlag, string? CommunicationType, CwReference? Type);

internal sealed record CwContact
{
    public int Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public CwReference? Company { get; init; }
    public bool? InactiveFlag { get; init; }
    public bool? DefaultFlag { get; init; }
    public bool? DefaultBillingFlag { get; init; }
    public IReadOnlyList<CwCommunicationItem>? CommunicationItems { get; init; }
}

internal sealed record CwExportRequest
{
    public string? BatchIdentifier { get; init; }
    public string? ThruDate { get; init; }
    public int? LocationId { get; init; }
    public string? SummarizeInvoices { get; init; }
    public bool ExportInvoicesFlag { get; init; }
    public bool ExportExpensesFlag { get; init; }
    public bool ExportProductsFlag { get; init; }
    public IReadOnlyList<int>? IncludedInvoiceIds { get; init; }
}

internal sealed record CwCreateBatchRequest
{
    public required string BatchIdentifier { get; init; }
    public bool ExportInvoicesFlag { get; init; }
    public bool ExportExpensesFlag { get; init; }
    public bool ExportProductsFlag { get; init; }
    public required IReadOnlyList<int> ProcessedRecordIds { get; init; }
}

internal sealed record CwGlExport
{
    public IReadOnlyList<CwGlTransaction>? Transactions { get; init; }
}

internal sealed record CwGlTransaction
{
    public string? DocumentNumber { get; init; }
    public string? DocumentType { get; init; }
    public string? DocumentDate { get; init; }
    public CwReference? Company { get; init; }
    public string? AccountNumber { get; init; }
    public decimal? Total { get; init; }
    public decimal? SalesTax { get; init; }

    /// <summary>The billing terms' days until due (reference/psa-apis.md §2.5, GLExportTransaction).</summary>
    [System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)]
    public int? DueDays { get; init; }

    public string? GlEntryIds { get; init; }
    public IReadOnlyList<CwGlDetail>? Detail { get; init; }
}

internal sealed record CwGlDetail
{
    public string? AccountNumber { get; init; }
    public string? Description { get; init; }
    public string? Memo { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? ItemPrice { get; init; }
    public decimal? Total { get; init; }
    public CwReference? TaxCode { get; init; }
    public bool? TaxableFlag { get; init; }
    public CwReference? Item { get; init; }
    public string? SalesCode { get; init; }
    public string? DocumentDate { get; init; }
    public string? InvoiceSummaryOption { get; init; }
    public CwReference? TimeEntry { get; init; }
}

internal sealed record CwAccountingBatch(int Id, string? BatchIdentifier, bool? ExportInvoicesFlag, bool? ClosedFlag);

internal sealed record CwBatchEntry(int Id, CwReference? Invoice);

internal sealed record CwPaymentRequest(string Type, decimal Amount, string PaymentDate);

internal sealed record CwCount(int Count);

internal sealed record CwValidationError(string? Code, string? Message, string? Resource, string? Field);

internal sealed record CwErrorResponse(string? Code, string? Message, IReadOnlyList<CwValidationError>? Errors);
