namespace WiseSync.Autotask.Dto;

/// <summary>Autotask <c>InvoiceModel</c> (the fields the provider reads).</summary>
internal sealed record AtInvoice(
    long Id,
    int? BatchID = null,
    string? Comments = null,
    int? CompanyID = null,
    DateTime? CreateDateTime = null,
    DateTime? DueDate = null,
    DateTime? InvoiceDateTime = null,
    string? InvoiceNumber = null,
    decimal? InvoiceTotal = null,
    bool? IsVoided = null,
    string? OrderNumber = null,
    DateTime? PaidDate = null,
    int? PaymentTerm = null,
    string? TaxRegionName = null,
    decimal? TotalTaxValue = null,
    DateTime? WebServiceDate = null);
