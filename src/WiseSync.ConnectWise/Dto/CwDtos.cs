using System.Text.Json.Serialization;

namespace WiseSync.ConnectWise.Dto;

// ConnectWise Manage wire shapes (spec subsets in shared/specs/connectwise; accounting bodies per SOURCES.md §3).
// Only the fields WiseSync reads or writes; unknown fields are ignored on read.

internal sealed record CwReference(int? Id, string? Name, string? Identifier = null);

internal sealed record CwStatusReference(int? Id, string? Name, bool? IsClosed);

internal sealed record CwCurrencyReference(int? Id, string? CurrencyCode, string? Name);

internal sealed record CwInfo([property: JsonPropertyName("lastUpdated")] string? LastUpdated);

internal sealed record CwInvoice(
    int Id,
    string? InvoiceNumber,
    string? Type,
    CwStatusReference? Status,
    CwReference? Company,
    CwReference? BillToCompany,
    string? AccountNumber,
    CwReference? BillingTerms,
    string? CustomerPO,
    string? Date,
    string? DueDate,
    int? LocationId,
    CwReference? Location,
    CwReference? Department,
    CwCurrencyReference? Currency,
    decimal? Subtotal,
    decimal? Total,
    decimal? SalesTax,
    decimal? Payments,
    decimal? Credits,
    decimal? Balance,
    CwReference? GlBatch,
    [property: JsonPropertyName("_info")] Dictionary<string, string?>? Info);

internal sealed record CwUnpostedInvoice(
    int Id,
    int BillingLogId,
    int? LocationId,
    string? InvoiceNumber,
    string? InvoiceDate,
    string? DueDays);

internal sealed record CwCompany(
    int Id,
    string? Identifier,
    string? Name,
    string? AccountNumber,
    CwReference? DefaultContact,
    CwReference? BillingContact,
    CwReference? BillToCompany,
    string? InvoiceToEmailAddress,
    string? InvoiceCCEmailAddress,
    bool? DeletedFlag);

internal sealed record CwCommunicationItem(int? Id, string? Value, bool? DefaultFlag, string? CommunicationType, CwReference? Type);

internal sealed record CwContact(
    int Id,
    string? FirstName,
    string? LastName,
    CwReference? Company,
    bool? InactiveFlag,
    bool? DefaultFlag,
    bool? DefaultBillingFlag,
    IReadOnlyList<CwCommunicationItem>? CommunicationItems);

/// <summary>What an accounting export or batch takes in (ExportAccountingBatchRequest / CreateAccountingBatchRequest).</summary>
internal abstract record CwExportContent
{
    public bool ExportInvoicesFlag { get; init; }
    public bool ExportExpensesFlag { get; init; }
    public bool ExportProductsFlag { get; init; }
}

internal sealed record CwExportRequest : CwExportContent
{
    public string? BatchIdentifier { get; init; }
    public string? ThruDate { get; init; }
    public int? LocationId { get; init; }
    public string? SummarizeInvoices { get; init; }
    public IReadOnlyList<int>? IncludedInvoiceIds { get; init; }
}

internal sealed record CwCreateBatchRequest : CwExportContent
{
    public required string BatchIdentifier { get; init; }
    public required IReadOnlyList<int> ProcessedRecordIds { get; init; }
}

internal sealed record CwGlExport(
    IReadOnlyList<CwGlTransaction>? Transactions);

internal sealed record CwGlTransaction(
    string? DocumentNumber,
    string? DocumentType,
    string? DocumentDate,
    CwReference? Company,
    string? AccountNumber,
    decimal? Total,
    decimal? SalesTax,
    // The billing terms' days until due (reference/psa-apis.md §2.5, GLExportTransaction).
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int? DueDays,
    string? GlEntryIds,
    IReadOnlyList<CwGlDetail>? Detail);

internal sealed record CwGlDetail(
    string? AccountNumber,
    string? Description,
    string? Memo,
    decimal? Quantity,
    decimal? ItemPrice,
    decimal? Total,
    CwReference? TaxCode,
    bool? TaxableFlag,
    CwReference? Item,
    string? SalesCode,
    string? DocumentDate,
    string? InvoiceSummaryOption,
    CwReference? TimeEntry);

internal sealed record CwAccountingBatch(int Id, string? BatchIdentifier, bool? ExportInvoicesFlag, bool? ClosedFlag);

internal sealed record CwBatchEntry(int Id, CwReference? Invoice);

internal sealed record CwPaymentRequest(string Type, decimal Amount, string PaymentDate);

internal sealed record CwCount(int Count);

internal sealed record CwValidationError(string? Code, string? Message, string? Resource, string? Field);

internal sealed record CwErrorResponse(string? Code, string? Message, IReadOnlyList<CwValidationError>? Errors);
